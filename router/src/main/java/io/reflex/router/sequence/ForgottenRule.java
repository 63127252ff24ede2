package io.reflex.router.sequence;

import io.reflex.common.state.StateChange;
import io.reflex.common.state.StateUpdate;

/**
 * Removes the state of a rule that a reload took away, which would otherwise stay due at every
 * look.
 */
record ForgottenRule() implements StateUpdate<Boolean> {

  @Override
  public StateChange<Boolean> apply(byte[] current) {
    return new StateChange<>(null, current != null);
  }
}
