package io.reflex.router.explain;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A second pass over a parsed EventBridge pattern (the event-ruler language) that says which fields
 * of an event fail it and why. event-ruler decides whether a pattern matches; this only explains,
 * on request, never on the hot path.
 */
public final class PatternExplainer {

  private static final String OR = "$or";

  private PatternExplainer() {}

  public static PatternExplanation explain(String pattern, JsonObject event) {
    List<FieldCheck> checks = new ArrayList<>();
    walk(new JsonObject(pattern), List.of(event), "", checks);
    return new PatternExplanation(checks);
  }

  private static void walk(
      JsonObject pattern, List<Object> parents, String prefix, List<FieldCheck> checks) {
    for (Map.Entry<String, Object> entry : pattern) {
      if (OR.equals(entry.getKey())
          && entry.getValue() instanceof JsonArray alternatives
          && alternatives.size() > 1) {
        checks.addAll(nearest(alternatives, parents, prefix));
        continue;
      }
      String path = prefix.isEmpty() ? entry.getKey() : prefix + "." + entry.getKey();
      Present values = valuesAt(parents, entry.getKey());
      if (entry.getValue() instanceof JsonObject nested) {
        walk(nested, values.values(), path, checks);
      } else if (entry.getValue() instanceof JsonArray conditions) {
        checks.add(Conditions.check(path, conditions, values));
      }
    }
  }

  /** The alternative of an {@code $or} with the fewest failing fields. */
  private static List<FieldCheck> nearest(
      JsonArray alternatives, List<Object> parents, String prefix) {
    List<FieldCheck> best = null;
    long bestFailures = Long.MAX_VALUE;
    for (Object alternative : alternatives) {
      if (!(alternative instanceof JsonObject branch)) {
        continue;
      }
      List<FieldCheck> checks = new ArrayList<>();
      walk(branch, parents, prefix, checks);
      long failures = checks.stream().filter(check -> !check.passed()).count();
      if (failures < bestFailures) {
        best = checks;
        bestFailures = failures;
      }
    }
    return best == null ? List.of() : best;
  }

  /**
   * The values under {@code name} in each parent; arrays are flattened, as event-ruler matches an
   * array when any of its elements matches. A field present with null counts as present.
   */
  private static Present valuesAt(List<Object> parents, String name) {
    List<Object> values = new ArrayList<>();
    boolean present = false;
    for (Object parent : parents) {
      if (parent instanceof JsonObject object && object.containsKey(name)) {
        present = true;
        Object value = object.getValue(name);
        if (value instanceof JsonArray array) {
          array.forEach(values::add);
        } else {
          values.add(value);
        }
      }
    }
    return new Present(present, values);
  }

  /**
   * The values a field has in the event, and whether it is there at all (a null value is there).
   */
  record Present(boolean present, List<Object> values) {}
}
