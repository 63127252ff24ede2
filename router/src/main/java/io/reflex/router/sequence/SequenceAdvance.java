package io.reflex.router.sequence;

import io.reflex.common.state.StateChange;
import io.reflex.common.state.StateUpdate;

/** The state update for one event of a key: runs the engine where the (rule, key) entry lives. */
record SequenceAdvance(SequenceDefinition definition, SequenceLimits limits, String event, long time,
                       boolean[] matched, String key) implements StateUpdate<Outcome> {

  @Override
  public StateChange<Outcome> apply(byte[] current) {
    return new SequenceEngine(definition, limits).advance(current, event, time, matched, key);
  }
}
