package io.reflex.common.state;

import java.io.Serializable;

/**
 * A change to one keyed entry, run where the entry lives. In a cluster that is a Hazelcast
 * partition thread on the member that owns the key (and again on its backup), so an update must be
 * deterministic (no clock, no random: pass event time in), quick, and serialisable, and its class
 * must be on every member's classpath.
 *
 * @param <R> what the caller gets back (serialisable: it may travel between members)
 */
@FunctionalInterface
public interface StateUpdate<R extends Serializable> extends Serializable {

  /**
   * @param current the entry's bytes, or null when the key has no entry
   * @return the entry's new bytes (null removes the entry) and the result for the caller
   */
  StateChange<R> apply(byte[] current);
}
