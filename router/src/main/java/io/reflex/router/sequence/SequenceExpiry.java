package io.reflex.router.sequence;

import io.reflex.common.state.StateChange;
import io.reflex.common.state.StateUpdate;

/**
 * The state update run when a key's wake has come: its windows that ended before {@code watermark}
 * close.
 */
record SequenceExpiry(
    SequenceDefinition definition,
    SequenceLimits limits,
    String key,
    long watermark,
    RouterTime now)
    implements StateUpdate<Outcome> {

  @Override
  public StateChange<Outcome> apply(byte[] current) {
    return new SequenceEngine(definition, limits).expire(current, watermark, key, now);
  }
}
