package io.reflex.router.explain;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * One field of a pattern checked against an event: its dotted path, the operator(s) the pattern
 * applies, the values the event has there (empty when the field is absent) and the values the
 * pattern wants.
 */
public record FieldCheck(
    String field, String operator, JsonArray seen, JsonArray wanted, boolean passed) {

  public JsonObject toJson() {
    return new JsonObject()
        .put("field", field)
        .put("operator", operator)
        .put("seen", seen.isEmpty() ? "absent" : seen.size() == 1 ? seen.getValue(0) : seen)
        .put("wanted", wanted);
  }
}
