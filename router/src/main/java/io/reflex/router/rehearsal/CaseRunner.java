package io.reflex.router.rehearsal;

import io.reflex.router.rules.CompiledRules;
import io.reflex.router.sequence.SequenceLimits;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs rule test cases: each on a fresh {@link Rehearsal} (its own state and virtual clock) of the
 * same rules.
 */
public final class CaseRunner {

  private final CompiledRules rules;
  private final SequenceLimits limits;
  private final int maxDepth;

  public CaseRunner(CompiledRules rules, SequenceLimits limits, int maxDepth) {
    this.rules = rules;
    this.limits = limits;
    this.maxDepth = maxDepth;
  }

  public CaseResult run(RuleCase rule) {
    List<RehearsedOutput> outputs = new ArrayList<>();
    Rehearsal rehearsal = new Rehearsal(rules, limits, maxDepth, outputs::add);
    rule.events().forEach(rehearsal::offer);
    rehearsal.finish();
    List<RehearsedOutput> unmatched = new ArrayList<>(outputs);
    List<Expectation> missing = new ArrayList<>();
    List<RehearsedOutput> forbidden = new ArrayList<>();
    for (Expectation expectation : rule.expectations()) {
      if (expectation.absent()) {
        outputs.stream().filter(expectation::matches).forEach(forbidden::add);
      } else {
        // Each expectation takes one output: two equal expectations want two outputs.
        int taken = indexOf(unmatched, expectation);
        if (taken < 0) {
          missing.add(expectation);
        } else {
          unmatched.remove(taken);
        }
      }
    }
    List<RehearsedOutput> unexpected =
        unmatched.stream().filter(output -> "emit".equals(output.action())).toList();
    return new CaseResult(
        rule.name(), rule.events().size(), outputs, missing, unexpected, forbidden);
  }

  private static int indexOf(List<RehearsedOutput> outputs, Expectation expectation) {
    for (int i = 0; i < outputs.size(); i++) {
      if (expectation.matches(outputs.get(i))) {
        return i;
      }
    }
    return -1;
  }
}
