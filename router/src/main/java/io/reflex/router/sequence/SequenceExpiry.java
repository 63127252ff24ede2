package io.reflex.router.sequence;

import io.reflex.common.state.StateChange;
import io.reflex.common.state.StateUpdate;

/** The state update run when a key's window may have closed with no event of its own to notice. */
record SequenceExpiry(SequenceDefinition definition, SequenceLimits limits, long watermark, String key)
    implements StateUpdate<Outcome> {

  @Override
  public StateChange<Outcome> apply(byte[] current) {
    return new SequenceEngine(definition, limits).expire(current, watermark, key);
  }
}
