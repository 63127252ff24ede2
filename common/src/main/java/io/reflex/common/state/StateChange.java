package io.reflex.common.state;

import java.io.Serializable;

/**
 * What a {@link StateUpdate} did: the entry's new bytes (null removes it), the caller's result, and
 * when the entry next wants an update with no event to trigger it ({@link Wake}; null: never).
 */
public record StateChange<R extends Serializable>(byte[] newValue, R result, Wake wake)
    implements Serializable {

  /** A change that asks for no wake. */
  public StateChange(byte[] newValue, R result) {
    this(newValue, result, null);
  }
}
