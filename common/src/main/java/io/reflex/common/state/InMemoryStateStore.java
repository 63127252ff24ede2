package io.reflex.common.state;

import io.vertx.core.Future;

import java.io.Serializable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The keyed-state store of a single process (standalone, tests): entries live in this JVM and die with it. Each update
 * runs atomically on its entry, as a cluster store's entry processor would.
 */
public final class InMemoryStateStore implements KeyedStateStore {

  private final Map<String, Map<String, byte[]>> maps = new ConcurrentHashMap<>();

  @Override
  public <R extends Serializable> Future<R> update(String map, String key, StateUpdate<R> update) {
    Object[] result = new Object[1];
    entries(map).compute(key, (k, current) -> {
      StateChange<R> change = update.apply(current);
      result[0] = change.result();
      return change.newValue();
    });
    @SuppressWarnings("unchecked")
    R typed = (R) result[0];
    return Future.succeededFuture(typed);
  }

  @Override
  public Future<byte[]> get(String map, String key) {
    return Future.succeededFuture(entries(map).get(key));
  }

  /** How many entries a map holds (for gauges and tests). */
  public int size(String map) {
    return entries(map).size();
  }

  private Map<String, byte[]> entries(String map) {
    return maps.computeIfAbsent(map, name -> new ConcurrentHashMap<>());
  }
}
