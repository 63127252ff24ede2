package io.reflex.router.rules;

import io.reflex.common.pattern.PatternMatcher;
import io.reflex.eventlog.CloudEventRecords;
import io.reflex.eventlog.Topics;
import io.reflex.router.action.Action;
import io.reflex.router.action.Deliver;
import io.reflex.router.action.Emit;
import io.reflex.router.action.Publish;
import io.reflex.router.action.PublishRetry;
import io.reflex.router.action.Template;
import io.reflex.router.sequence.SequenceRule;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads a rules document ({@code rules: [...]}, already turned into JSON by the YAML config store)
 * into rules, checking everything an author can get wrong. The whole document is refused if any
 * rule is wrong.
 */
public final class RuleParser {

  private static final Pattern RULE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
  private static final Set<String> RULE_FIELDS = Set.of("id", "description", "pattern", "actions");

  /**
   * Patterns whose wildcards score above this (event-ruler's complexity measure) are refused:
   * matching slows in proportion for every event, e.g. about 12,500 events/s at 17 against 140,000
   * at 1.
   */
  static final int MAX_WILDCARD_COMPLEXITY = 16;

  private RuleParser() {}

  public static RuleSet parse(JsonObject document) {
    List<RuleError> errors = new ArrayList<>();
    Object rulesValue = document.getValue("rules");
    if (!(rulesValue instanceof JsonArray array)) {
      throw new InvalidRulesException(
          List.of(
              new RuleError(
                  "-",
                  "rules",
                  rulesValue == null
                      ? "the document has no 'rules' list"
                      : "'rules' must be a list")));
    }
    List<Rule> rules = new ArrayList<>();
    List<SequenceRule> sequences = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < array.size(); i++) {
      Object item = array.getValue(i);
      if (!(item instanceof JsonObject json)) {
        errors.add(new RuleError("#" + (i + 1), "-", "a rule must be a mapping"));
        continue;
      }
      String position = "#" + (i + 1);
      if (json.containsKey("steps")) {
        SequenceRule sequence = SequenceRuleParser.parse(json, position, errors);
        if (sequence != null && unique(sequence.id(), ids, errors)) {
          sequences.add(sequence);
        }
      } else {
        Rule rule = parseRule(json, position, errors);
        if (rule != null && unique(rule.id(), ids, errors)) {
          rules.add(rule);
        }
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidRulesException(errors);
    }
    return new RuleSet(rules, sequences);
  }

  private static boolean unique(String id, Set<String> ids, List<RuleError> errors) {
    if (ids.add(id)) {
      return true;
    }
    errors.add(new RuleError(id, "id", "another rule has the same id"));
    return false;
  }

  private static Rule parseRule(JsonObject json, String position, List<RuleError> errors) {
    int before = errors.size();
    String id = parseId(json, position, RULE_FIELDS, errors);
    String pattern = parsePattern(id, "pattern", json.getValue("pattern"), errors);
    List<Action> actions = parseActions(id, json.getValue("actions"), errors);
    if (errors.size() > before) {
      return null;
    }
    return new Rule(id, json.getString("description", ""), pattern, actions);
  }

  /**
   * The rule's id (or its position when it has none usable), after checking the id and the rule's
   * field names.
   */
  static String parseId(
      JsonObject json, String position, Set<String> fields, List<RuleError> errors) {
    Object idValue = json.getValue("id");
    String id = idValue instanceof String s ? s : position;
    if (!(idValue instanceof String s) || !RULE_ID.matcher(s).matches()) {
      errors.add(
          new RuleError(id, "id", "required: 1-64 characters, letters, digits, '_', '.', '-'"));
    }
    for (String field : json.fieldNames()) {
      if (!fields.contains(field)) {
        errors.add(
            new RuleError(
                id, field, "unknown field; this kind of rule has " + new TreeSet<>(fields)));
      }
    }
    return id;
  }

  static String parsePattern(String rule, String field, Object value, List<RuleError> errors) {
    if (!(value instanceof JsonObject pattern) || pattern.isEmpty()) {
      errors.add(new RuleError(rule, field, "required: a non-empty EventBridge pattern"));
      return null;
    }
    String dotted = findDottedKey(pattern, field);
    if (dotted != null) {
      errors.add(
          new RuleError(rule, dotted, "field names must not contain '.'; nest the fields instead"));
      return null;
    }
    String text = pattern.encode();
    String problem = PatternMatcher.check(text);
    if (problem != null) {
      errors.add(new RuleError(rule, field, problem));
      return null;
    }
    int complexity = PatternMatcher.complexity(text, MAX_WILDCARD_COMPLEXITY + 1);
    if (complexity > MAX_WILDCARD_COMPLEXITY) {
      errors.add(
          new RuleError(
              rule,
              field,
              "wildcards too expensive to match: complexity "
                  + complexity
                  + " is above "
                  + MAX_WILDCARD_COMPLEXITY
                  + "; use fewer '*' or a prefix/suffix"));
      return null;
    }
    return text;
  }

  private static String findDottedKey(JsonObject object, String path) {
    for (String key : object.fieldNames()) {
      String here = path + "." + key;
      if (key.contains(".")) {
        return here;
      }
      if (object.getValue(key) instanceof JsonObject child) {
        String found = findDottedKey(child, here);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  static List<Action> parseActions(String rule, Object value, List<RuleError> errors) {
    if (!(value instanceof JsonArray array) || array.isEmpty()) {
      errors.add(
          new RuleError(
              rule, "actions", "required: a non-empty list of actions (deliver, emit, publish)"));
      return List.of();
    }
    List<Action> actions = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      String field = "actions[" + i + "]";
      Object item = array.getValue(i);
      if (!(item instanceof JsonObject action) || action.size() != 1) {
        errors.add(
            new RuleError(
                rule,
                field,
                "an action is a mapping with exactly one key: deliver, emit or publish"));
        continue;
      }
      if (action.containsKey("deliver")) {
        Object target = action.getValue("deliver");
        String address = target instanceof String t ? Deliver.TARGETS.get(t) : null;
        if (address == null) {
          errors.add(
              new RuleError(
                  rule,
                  field + ".deliver",
                  "unknown service '" + target + "'; choose from " + Deliver.TARGETS.keySet()));
        } else {
          actions.add(new Deliver((String) target, address));
        }
      } else if (action.containsKey("emit")) {
        Emit emit = parseEmit(rule, field + ".emit", action.getValue("emit"), errors);
        if (emit != null) {
          actions.add(emit);
        }
      } else if (action.containsKey("publish")) {
        Publish publish =
            parsePublish(rule, field + ".publish", action.getValue("publish"), errors);
        if (publish != null) {
          actions.add(publish);
        }
      } else {
        errors.add(
            new RuleError(
                rule,
                field,
                "unknown action '"
                    + action.fieldNames().iterator().next()
                    + "'; choose deliver, emit or publish"));
      }
    }
    return actions;
  }

  private static Publish parsePublish(
      String rule, String field, Object value, List<RuleError> errors) {
    if (!(value instanceof JsonObject publish)) {
      errors.add(
          new RuleError(rule, field, "publish needs a mapping with topic, and optionally mode"));
      return null;
    }
    for (String key : publish.fieldNames()) {
      if (!Set.of("topic", "mode", "retry", "deadLetter").contains(key)) {
        errors.add(
            new RuleError(
                rule,
                field + "." + key,
                "unknown field; publish has topic, mode, retry, deadLetter"));
        return null;
      }
    }
    if (!(publish.getValue("topic") instanceof String topic) || !Topics.isValidName(topic)) {
      errors.add(
          new RuleError(
              rule,
              field + ".topic",
              "required: a Kafka topic name (letters, digits, '.', '_', '-',"
                  + " at most 249 characters), was "
                  + publish.getValue("topic")));
      return null;
    }
    Object mode = publish.getValue("mode", "structured");
    if (!"structured".equals(mode) && !"binary".equals(mode)) {
      errors.add(
          new RuleError(
              rule,
              field + ".mode",
              "structured (the event as JSON in the record value) or binary"
                  + " (attributes as ce_* headers, data as the value), was "
                  + mode));
      return null;
    }
    PublishRetry retry = PublishRetries.parse(rule, field, publish, errors);
    if (retry == null) {
      return null;
    }
    return new Publish(
        topic,
        "binary".equals(mode) ? CloudEventRecords.Mode.BINARY : CloudEventRecords.Mode.STRUCTURED,
        retry);
  }

  private static Emit parseEmit(String rule, String field, Object value, List<RuleError> errors) {
    if (!(value instanceof JsonObject emit)) {
      errors.add(
          new RuleError(
              rule, field, "emit needs a mapping with type, and optionally source, subject, data"));
      return null;
    }
    for (String key : emit.fieldNames()) {
      if (!Set.of("type", "source", "subject", "data").contains(key)) {
        errors.add(
            new RuleError(
                rule, field + "." + key, "unknown field; emit has type, source, subject, data"));
        return null;
      }
    }
    if (!(emit.getValue("type") instanceof String type) || type.isBlank()) {
      errors.add(
          new RuleError(
              rule, field + ".type", "required: the CloudEvent type of the derived event"));
      return null;
    }
    try {
      return new Emit(
          type,
          emit.getString("source", Emit.DEFAULT_SOURCE),
          Template.compile(emit.getValue("subject", "${subject}")),
          Template.compile(emit.getValue("data", "${data}")));
    } catch (IllegalArgumentException | ClassCastException e) {
      errors.add(new RuleError(rule, field, e.getMessage()));
      return null;
    }
  }
}
