package io.reflex.router.rules;

import java.util.List;
import java.util.stream.Collectors;

/** A rules document was refused; every problem found is listed, not just the first. */
public final class InvalidRulesException extends RuntimeException {

  private final transient List<RuleError> errors;

  public InvalidRulesException(List<RuleError> errors) {
    super(errors.stream().map(RuleError::toString).collect(Collectors.joining("; ")));
    this.errors = List.copyOf(errors);
  }

  public List<RuleError> errors() {
    return errors;
  }
}
