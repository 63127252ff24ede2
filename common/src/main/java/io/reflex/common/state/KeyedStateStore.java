package io.reflex.common.state;

import io.vertx.core.Future;

import java.io.Serializable;

/**
 * Keyed state (a detector per series, a history per shopper, partial matches per sequence and key) that survives the
 * loss of a replica and rebalances when replicas join. Values are opaque bytes owned by the service that writes them.
 * Updates run where the entry lives, never as a read-modify-write across the network.
 *
 * <p>Standalone uses an in-memory store; a cluster uses Hazelcast maps with one backup.
 */
public interface KeyedStateStore {

  /** Applies an update to the entry {@code key} of map {@code map} and returns its result. */
  <R extends Serializable> Future<R> update(String map, String key, StateUpdate<R> update);

  /** The entry's bytes, or null. */
  Future<byte[]> get(String map, String key);
}
