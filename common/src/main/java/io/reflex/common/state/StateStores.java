package io.reflex.common.state;

import io.vertx.core.Vertx;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The keyed-state store of each Vert.x instance. The launcher registers the store it chose (in
 * memory, or Hazelcast when clustered) before deploying services; a verticle deployed on its own (a
 * test) gets an in-memory store.
 */
public final class StateStores {

  // Weak keys: a closed and dropped Vert.x takes its store with it.
  private static final Map<Vertx, KeyedStateStore> STORES =
      Collections.synchronizedMap(new WeakHashMap<>());

  private StateStores() {}

  public static void register(Vertx vertx, KeyedStateStore store) {
    STORES.put(vertx, store);
  }

  public static KeyedStateStore of(Vertx vertx) {
    return STORES.computeIfAbsent(vertx, v -> new InMemoryStateStore(StateSettings.none()));
  }
}
