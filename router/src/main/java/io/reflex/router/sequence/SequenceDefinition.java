package io.reflex.router.sequence;

import java.io.Serializable;
import java.util.List;

/**
 * What the sequence engine needs of a rule, travelling with each state update (in a cluster it runs
 * where the state lives). Two definitions that are equal mean the same state machine, so in-flight
 * partial matches survive a reload that leaves the rule unchanged.
 */
public record SequenceDefinition(
    List<SequenceStep> steps, long withinMs, boolean strict, boolean skipPastLast)
    implements Serializable {

  public SequenceDefinition {
    steps = List.copyOf(steps);
  }

  /**
   * Identifies this state machine in stored state: state written by another definition is
   * discarded.
   */
  public int fingerprint() {
    return hashCode();
  }

  /**
   * Whether the rule ends with "and then nothing like this", which fires only when the window
   * closes.
   */
  public boolean trailingAbsence() {
    return steps.get(steps.size() - 1).absent();
  }
}
