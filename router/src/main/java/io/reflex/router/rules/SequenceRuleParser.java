package io.reflex.router.rules;

import io.reflex.router.action.Action;
import io.reflex.router.sequence.KeyPath;
import io.reflex.router.sequence.SequenceDefinition;
import io.reflex.router.sequence.SequenceRule;
import io.reflex.router.sequence.SequenceStep;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a sequence rule (a rule with {@code steps}), checking every field, in the same error style
 * as field rules.
 */
final class SequenceRuleParser {

  private static final Set<String> FIELDS =
      Set.of("id", "description", "by", "within", "contiguity", "afterMatch", "steps", "actions");
  private static final Set<String> STEP_FIELDS =
      Set.of("pattern", "times", "atLeast", "differs", "not");
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
  private static final Pattern PATH = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");

  private SequenceRuleParser() {}

  static SequenceRule parse(JsonObject json, String position, List<RuleError> errors) {
    int before = errors.size();
    String id = RuleParser.parseId(json, position, FIELDS, errors);
    Object byValue = json.getValue("by", "subject");
    if (!(byValue instanceof String by) || !PATH.matcher(by).matches()) {
      errors.add(new RuleError(id, "by", "a dotted field path such as subject or data.user"));
      byValue = null;
    }
    long within = duration(json.getValue("within"));
    if (within <= 0) {
      errors.add(
          new RuleError(id, "within", "required: the window on event time, e.g. 90s, 30m, 1h"));
    }
    String contiguity = json.getValue("contiguity", "relaxed") instanceof String c ? c : "";
    if (!Set.of("relaxed", "strict").contains(contiguity)) {
      errors.add(new RuleError(id, "contiguity", "relaxed (the default) or strict"));
    }
    String afterMatch =
        json.getValue("afterMatch", "skip-past-last-event") instanceof String a ? a : "";
    if (!Set.of("skip-past-last-event", "no-skip").contains(afterMatch)) {
      errors.add(new RuleError(id, "afterMatch", "skip-past-last-event (the default) or no-skip"));
    }
    List<SequenceStep> steps = parseSteps(id, json.getValue("steps"), errors);
    List<Action> actions = RuleParser.parseActions(id, json.getValue("actions"), errors);
    if (errors.size() > before) {
      return null;
    }
    return new SequenceRule(
        id,
        json.getString("description", ""),
        KeyPath.parse((String) byValue),
        new SequenceDefinition(
            steps, within, "strict".equals(contiguity), "skip-past-last-event".equals(afterMatch)),
        actions);
  }

  private static List<SequenceStep> parseSteps(String rule, Object value, List<RuleError> errors) {
    if (!(value instanceof JsonArray array) || array.isEmpty()) {
      errors.add(new RuleError(rule, "steps", "required: a non-empty list of steps"));
      return List.of();
    }
    List<SequenceStep> steps = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      String field = "steps[" + i + "]";
      if (!(array.getValue(i) instanceof JsonObject step)) {
        errors.add(
            new RuleError(
                rule, field, "a step is a mapping: pattern (with times, atLeast, differs) or not"));
        continue;
      }
      for (String name : step.fieldNames()) {
        if (!STEP_FIELDS.contains(name)) {
          errors.add(
              new RuleError(
                  rule,
                  field + "." + name,
                  "unknown field; a step has pattern, times, atLeast," + " differs, or only not"));
        }
      }
      SequenceStep parsed =
          step.containsKey("not")
              ? parseAbsence(rule, field, step, i, steps, errors)
              : parseStep(rule, field, step, i, errors);
      if (parsed != null) {
        steps.add(parsed);
      }
    }
    if (steps.size() == array.size() && steps.stream().allMatch(SequenceStep::absent)) {
      errors.add(
          new RuleError(rule, "steps", "at least one step must be a pattern, not only 'not'"));
    }
    return steps;
  }

  private static SequenceStep parseAbsence(
      String rule,
      String field,
      JsonObject step,
      int index,
      List<SequenceStep> earlier,
      List<RuleError> errors) {
    if (step.size() != 1) {
      errors.add(new RuleError(rule, field, "a 'not' step has nothing else: write not: <pattern>"));
      return null;
    }
    if (index == 0) {
      errors.add(new RuleError(rule, field + ".not", "a sequence cannot start with 'not'"));
      return null;
    }
    if (!earlier.isEmpty() && earlier.get(earlier.size() - 1).absent()) {
      errors.add(
          new RuleError(
              rule, field + ".not", "two 'not' steps in a row; put both patterns in one with $or"));
      return null;
    }
    String pattern = RuleParser.parsePattern(rule, field + ".not", step.getValue("not"), errors);
    return pattern == null ? null : new SequenceStep(pattern, 0, 0, true, null, 0);
  }

  private static SequenceStep parseStep(
      String rule, String field, JsonObject step, int index, List<RuleError> errors) {
    String pattern =
        RuleParser.parsePattern(rule, field + ".pattern", step.getValue("pattern"), errors);
    int min = 1;
    int max = 1;
    Object times = step.getValue("times");
    if (times != null && step.containsKey("atLeast")) {
      errors.add(new RuleError(rule, field, "times and atLeast exclude each other"));
      return null;
    }
    if (times instanceof Integer n && n >= 1) {
      min = n;
      max = n;
    } else if (times instanceof JsonArray range
        && range.size() == 2
        && range.getValue(0) instanceof Integer low
        && range.getValue(1) instanceof Integer high
        && low >= 1
        && high >= low) {
      min = low;
      max = high;
    } else if (times != null) {
      errors.add(
          new RuleError(rule, field + ".times", "a whole number >= 1, or [n, m] with 1 <= n <= m"));
      return null;
    }
    Object atLeast = step.getValue("atLeast");
    if (atLeast instanceof Integer n && n >= 1) {
      min = n;
      max = SequenceStep.UNBOUNDED;
    } else if (atLeast != null) {
      errors.add(new RuleError(rule, field + ".atLeast", "a whole number >= 1"));
      return null;
    }
    KeyPath differsPath = null;
    int differsFrom = 0;
    Object differs = step.getValue("differs");
    if (differs != null) {
      if (!(differs instanceof JsonObject spec)
          || !(spec.getValue("field") instanceof String path)
          || !PATH.matcher(path).matches()
          || !(spec.getValue("from") instanceof Integer from)
          || from < 0
          || from >= index) {
        errors.add(
            new RuleError(
                rule,
                field + ".differs",
                "{field: <dotted path>, from: <an earlier step's index>}: the value must differ from that step's event"));
        return null;
      }
      differsPath = KeyPath.parse(path);
      differsFrom = from;
    }
    return pattern == null
        ? null
        : new SequenceStep(pattern, min, max, false, differsPath, differsFrom);
  }

  /**
   * Milliseconds from {@code 90s}, {@code 30m}, {@code 1h}, {@code 500ms}, {@code 2d}, or -1 when
   * unreadable.
   */
  static long duration(Object value) {
    if (!(value instanceof String text)) {
      return -1;
    }
    Matcher matcher = DURATION.matcher(text.trim());
    if (!matcher.matches()) {
      return -1;
    }
    long amount = Long.parseLong(matcher.group(1));
    return switch (matcher.group(2)) {
      case "ms" -> amount;
      case "s" -> amount * 1000;
      case "m" -> amount * 60_000;
      case "h" -> amount * 3_600_000;
      default -> amount * 86_400_000;
    };
  }
}
