package io.reflex.common.state;

import io.vertx.core.Future;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Keyed state in this JVM, for a mesh that runs every service in one process. Updates run at once on the caller's
 * thread; each map keeps entries in order of last access, so expiring idle entries only ever looks at the head.
 */
public final class InMemoryStateStore implements KeyedStateStore {

  private final StateSettings settings;
  private final LongSupplier clockMillis;
  private final Map<String, LinkedHashMap<String, Entry>> maps = new HashMap<>();

  /** A store whose entries never expire. */
  public InMemoryStateStore() {
    this(StateSettings.none());
  }

  public InMemoryStateStore(StateSettings settings) {
    this(settings, System::currentTimeMillis);
  }

  InMemoryStateStore(StateSettings settings, LongSupplier clockMillis) {
    this.settings = settings;
    this.clockMillis = clockMillis;
  }

  @Override
  public synchronized <R extends Serializable> Future<R> update(String map, String key, StateUpdate<R> update) {
    LinkedHashMap<String, Entry> entries = entries(map);
    Entry current = entries.get(key);
    StateChange<R> change;
    try {
      change = update.apply(current == null ? null : current.value);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    if (change.newValue() == null) {
      entries.remove(key);
    } else {
      entries.put(key, new Entry(change.newValue(), clockMillis.getAsLong()));
    }
    return Future.succeededFuture(change.result());
  }

  @Override
  public synchronized Future<byte[]> get(String map, String key) {
    Entry entry = entries(map).get(key);
    if (entry == null) {
      return Future.succeededFuture();
    }
    entry.lastAccessMillis = clockMillis.getAsLong();
    return Future.succeededFuture(entry.value);
  }

  /** Number of entries in {@code map} that have not expired. */
  public synchronized int size(String map) {
    return entries(map).size();
  }

  private LinkedHashMap<String, Entry> entries(String map) {
    LinkedHashMap<String, Entry> entries = maps.computeIfAbsent(map, m -> new LinkedHashMap<>(256, 0.75f, true));
    long maxIdle = settings.maxIdleMillis(map);
    if (maxIdle > 0) {
      long now = clockMillis.getAsLong();
      Iterator<Entry> leastRecentFirst = entries.values().iterator();
      while (leastRecentFirst.hasNext() && now - leastRecentFirst.next().lastAccessMillis > maxIdle) {
        leastRecentFirst.remove();
      }
    }
    return entries;
  }

  private static final class Entry {
    final byte[] value;
    long lastAccessMillis;

    Entry(byte[] value, long lastAccessMillis) {
      this.value = value;
      this.lastAccessMillis = lastAccessMillis;
    }
  }
}
