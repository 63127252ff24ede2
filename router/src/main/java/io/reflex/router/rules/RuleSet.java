package io.reflex.router.rules;

import io.reflex.router.sequence.SequenceRule;
import java.util.List;

/** The rules of one document, field rules and sequence rules each in document order. */
public record RuleSet(List<Rule> fields, List<SequenceRule> sequences) {

  public RuleSet {
    fields = List.copyOf(fields);
    sequences = List.copyOf(sequences);
  }

  public int size() {
    return fields.size() + sequences.size();
  }
}
