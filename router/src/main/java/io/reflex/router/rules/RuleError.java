package io.reflex.router.rules;

/** One problem in a rules document, naming the rule and the field so the author can find it. */
public record RuleError(String rule, String field, String reason) {

  @Override
  public String toString() {
    return "rule '" + rule + "', field '" + field + "': " + reason;
  }
}
