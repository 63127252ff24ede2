package io.reflex.router.sequence;

import io.reflex.common.state.StateChange;
import io.reflex.common.state.StateUpdate;

/**
 * The state update for the events of one key in one batch: runs the engine where the (rule, key)
 * entry lives.
 */
record SequenceAdvance(
    SequenceDefinition definition, SequenceLimits limits, KeyEvents events, RouterTime now)
    implements StateUpdate<Outcome> {

  @Override
  public StateChange<Outcome> apply(byte[] current) {
    return new SequenceEngine(definition, limits).advance(current, events, now);
  }
}
