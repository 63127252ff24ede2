package io.reflex.router.rules;

import io.reflex.router.sequence.SequenceRule;
import java.util.List;

/**
 * What one event matched: field rules in document order, and the sequences any of whose steps it
 * matched.
 */
public record Matches(List<Rule> rules, List<StepHits> sequences) {

  static final Matches NONE = new Matches(List.of(), List.of());

  /** The steps of one sequence rule the event matched ({@code steps[i]} for step i). */
  public record StepHits(SequenceRule rule, boolean[] steps) {}
}
