package io.reflex.router.rules;

/**
 * What a pattern in the shared matcher stands for, so one match call per event serves field rules
 * and sequence steps.
 */
sealed interface MatchRef permits MatchRef.RuleRef, MatchRef.StepRef {

  /** The pattern of the field rule at this position in the document. */
  record RuleRef(int position) implements MatchRef {}

  /**
   * Step {@code step} of the sequence at this position; step {@link #ANY_EVENT_OF_KEY} is "the
   * event has the key", which strict contiguity needs to see the events that break a sequence.
   */
  record StepRef(int sequence, int step) implements MatchRef {
    static final int ANY_EVENT_OF_KEY = -1;
  }
}
