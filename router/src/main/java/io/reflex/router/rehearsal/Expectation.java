package io.reflex.router.rehearsal;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * One line of a case's expectations: an output the rules must produce, or with {@code absent} must
 * not. {@code action} is emit, deliver or publish; {@code target} the service or topic (null for
 * emit: any); {@code event} the fields the output's event must have (a subset: fields left out may
 * hold anything); {@code rule}, when set, the rule that must produce it.
 */
public record Expectation(
    String action,
    String target,
    String rule,
    JsonObject event,
    boolean absent,
    JsonObject source) {

  /** Reads an expectation line; {@code where} names the line in errors. */
  public static Expectation parse(JsonObject line, String where) {
    boolean absent = line.containsKey("absent");
    JsonObject body = absent ? object(line.getValue("absent"), where + ": 'absent'") : line;
    String rule = body.getString("rule");
    if (body.getValue("emit") instanceof JsonObject emitted) {
      return new Expectation("emit", null, rule, emitted, absent, line);
    }
    for (String action : new String[] {"deliver", "publish"}) {
      if (body.getValue(action) instanceof String target) {
        JsonObject event =
            body.containsKey("event")
                ? object(body.getValue("event"), where + ": 'event'")
                : new JsonObject();
        return new Expectation(action, target, rule, event, absent, line);
      }
    }
    throw new IllegalArgumentException(
        where
            + ": an expectation is {\"emit\": {fields}}, {\"deliver\": service, "
            + "\"event\": {fields}} or {\"publish\": topic, \"event\": {fields}}, optionally wrapped in "
            + "{\"absent\": ...}; got "
            + line.encode());
  }

  public boolean matches(RehearsedOutput output) {
    return action.equals(output.action())
        && (target == null || target.equals(output.target()))
        && (rule == null || rule.equals(output.rule()))
        && contains(event, output.event().json());
  }

  private static JsonObject object(Object value, String what) {
    if (value instanceof JsonObject object) {
      return object;
    }
    throw new IllegalArgumentException(what + " must be a JSON object");
  }

  /**
   * Whether every field of {@code wanted} is in {@code actual} with the same value; numbers compare
   * as numbers.
   */
  static boolean contains(Object wanted, Object actual) {
    if (wanted instanceof JsonObject object) {
      return actual instanceof JsonObject other
          && object.stream()
              .allMatch(
                  field ->
                      other.containsKey(field.getKey())
                          && contains(field.getValue(), other.getValue(field.getKey())));
    }
    if (wanted instanceof JsonArray array) {
      if (!(actual instanceof JsonArray other) || other.size() != array.size()) {
        return false;
      }
      for (int i = 0; i < array.size(); i++) {
        if (!contains(array.getValue(i), other.getValue(i))) {
          return false;
        }
      }
      return true;
    }
    if (wanted instanceof Number number && actual instanceof Number other) {
      return number.doubleValue() == other.doubleValue();
    }
    return wanted == null ? actual == null : wanted.equals(actual);
  }
}
