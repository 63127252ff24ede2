package io.reflex.common.state;

import io.vertx.core.Future;
import java.io.Serializable;
import java.util.Map;

/**
 * Keyed state (a detector per series, a history per shopper, partial matches per sequence and key)
 * that survives the loss of a replica and rebalances when replicas join. Values are opaque bytes
 * owned by the service that writes them. Updates run where the entry lives, never as a
 * read-modify-write across the network.
 *
 * <p>An update may also ask for a {@link Wake}, kept with the entry. Any replica can then find the
 * entries whose wake has come ({@link #due}) and update them, so a timer outlives the replica that
 * set it.
 *
 * <p>Standalone uses an in-memory store; a cluster uses Hazelcast maps with one backup.
 */
public interface KeyedStateStore {

  /** Applies an update to the entry {@code key} of map {@code map} and returns its result. */
  <R extends Serializable> Future<R> update(String map, String key, StateUpdate<R> update);

  /**
   * Replaces the entry with {@code value}, without a wake: for a snapshot of state that its owner
   * keeps as live objects and only writes here so that another replica can take over.
   */
  Future<Void> put(String map, String key, byte[] value);

  /** The entry's bytes, or null. */
  Future<byte[]> get(String map, String key);

  /**
   * The entries of {@code map} whose wake has come, each with the event time it asked for: wake
   * event time before {@code eventTime} ({@link Long#MIN_VALUE}: none by event time), or wake wall
   * time at or before {@code wallNow}. Changes nothing: the caller updates each entry, and that
   * update sets or clears the entry's next wake. Two replicas asking at once both get the entry, so
   * the update they then send must be idempotent.
   */
  Future<Map<String, Long>> due(String map, long eventTime, long wallNow);

  /** How many entries {@code map} holds (in a cluster: on all members). */
  Future<Integer> size(String map);
}
