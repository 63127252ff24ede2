package io.reflex.router.explain;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * How far an event is from a pattern: every field checked in pattern order, the failed ones among
 * them. A pattern with {@code $or} is explained by its nearest alternative.
 */
public record PatternExplanation(List<FieldCheck> checks) {

  public PatternExplanation {
    checks = List.copyOf(checks);
  }

  public long failures() {
    return checks.stream().filter(check -> !check.passed()).count();
  }

  /** The first field in pattern order that failed, or null when every field passed. */
  public FieldCheck firstFailure() {
    return checks.stream().filter(check -> !check.passed()).findFirst().orElse(null);
  }

  /**
   * The explanation of a pattern event-ruler did not match: the first failing field and how many
   * fields failed.
   */
  public JsonObject toJson() {
    FieldCheck first = firstFailure();
    JsonObject json =
        new JsonObject().put("fieldsChecked", checks.size()).put("fieldsFailed", failures());
    if (first != null) {
      json.put("failed", first.toJson());
    } else {
      // event-ruler matches fields within one element of an array of objects; each field passes on
      // its own here.
      json.put(
          "failed",
          new JsonObject()
              .put(
                  "reason",
                  "every field matches some value, but not within one element of an array of objects"));
    }
    return json;
  }
}
