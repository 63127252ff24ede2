package io.reflex.router.explain;

import io.reflex.router.sequence.HeldPartial;
import io.reflex.router.sequence.Outcome;
import io.reflex.router.sequence.SequenceLimits;
import io.reflex.router.sequence.SequenceRule;
import io.reflex.router.sequence.SequenceStep;
import java.util.List;

/**
 * Why the engine removed a partial match when an event came, told from the rule, the event and the
 * outcome.
 */
final class EndReasons {

  private EndReasons() {}

  static String of(
      SequenceRule rule,
      SequenceLimits limits,
      HeldPartial partial,
      long time,
      boolean[] matched,
      Outcome outcome,
      boolean capped) {
    List<SequenceStep> steps = rule.definition().steps();
    boolean waitsOnAbsence = steps.get(partial.step()).absent();
    if (time - limits.latenessMs() > partial.deadline()
        || (!waitsOnAbsence && time - partial.first() > rule.definition().withinMs())) {
      return waitsOnAbsence
          ? "window closed: the 'not' step never fired, so the match fired"
          : "timed out: the window ended before the next step";
    }
    int next = partial.step() + 1;
    boolean notFired =
        (waitsOnAbsence && matched[partial.step()])
            || (next < steps.size() && steps.get(next).absent() && matched[next]);
    if (notFired) {
      return "a 'not' step fired";
    }
    if (!outcome.matches().isEmpty()
        && (matched[partial.step()] || (next < steps.size() && matched[next]))) {
      return "completed: the match fired";
    }
    if (capped) {
      return "cap reached: more than "
          + limits.maxPartials()
          + " partial matches for the key, the oldest dropped";
    }
    if (rule.definition().strict()) {
      return "strict contiguity: an event of the key did not extend it";
    }
    return "skipped: another partial match completed and skip-past-last-event dropped it";
  }
}
