package io.reflex.common.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reflex.common.event.CloudEvent;
import io.reflex.common.json.FieldPaths;
import io.reflex.common.json.JsonTrees;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.event.ruler.GenericMachine;
import software.amazon.event.ruler.JsonRuleCompiler;
import software.amazon.event.ruler.MachineComplexityEvaluator;

/**
 * EventBridge patterns (the event-ruler language) compiled into one matcher, so that one call per
 * event finds every pattern it matches. The router's rules and the gateway's subscriptions both use
 * it; no event-ruler type leaks out.
 *
 * <p>A matcher is built once and then only read: to change its patterns, build a new one and swap
 * it (event-ruler's deletes are fragile, and readers take no lock while a writer adds).
 *
 * <p>Most patterns name the event types they want ({@code "type": ["reflex.metric"]}), and many ask
 * for nothing else (a subscription to alerts, a rule delivering metrics to the anomaly service).
 * Those are answered from a map by type, and while every pattern names its types, an event of
 * another type is answered at once: asking event-ruler costs about 5 KB of garbage per event, and
 * most events a matcher sees (outputs passing the router and the gateway) are of types that no
 * pattern names. Patterns that name their types and otherwise ask only for exact strings, prefixes
 * and numeric ranges (most clients' subscriptions, many rules) are found by a string they ask for
 * and tested against the event's fields directly ({@link TextIndex}); an event on which such a test
 * cannot be sure is matched against them by event-ruler instead. event-ruler matches everything
 * else, as it would have matched these.
 *
 * @param <K> the key a pattern is registered under (a rule, a step, a subscription); must be
 *     immutable
 */
public final class PatternMatcher<K> {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final GenericMachine<K> machine = newMachine();
  private int size;

  /** Patterns in {@link #machine}; the others ask for nothing but a type. */
  private int machineSize;

  /**
   * The exact types the patterns in {@link #machine} require, while each requires some; null once
   * one does not. An event of another type is not handed to {@link #machine}.
   */
  private Set<String> machineTypes = new HashSet<>();

  /** The fields the patterns in {@link #machine} read: the rest of an event is not handed over. */
  private final FieldPaths paths = new FieldPaths();

  /** The keys of the patterns that ask for nothing but a type, by type. */
  private final Map<String, List<K>> byTypeOnly = new HashMap<>();

  /** Patterns tested directly, by each type they name. */
  private final Map<String, TextIndex<K>> textByType = new HashMap<>();

  /** The same patterns, for the events on which a direct test cannot be sure. */
  private final GenericMachine<K> textMachine = newMachine();

  private final FieldPaths textPaths = new FieldPaths();

  /**
   * The exact types some pattern requires, while every pattern requires some; null once one does
   * not.
   */
  private Set<String> types = new HashSet<>();

  private static <K> GenericMachine<K> newMachine() {
    return GenericMachine.<K>builder().withAdditionalNameStateReuse(true).build();
  }

  /**
   * Returns why the pattern is invalid, in event-ruler's own words, or {@code null} when it is
   * valid.
   */
  public static String check(String patternJson) {
    // JsonRuleCompiler is the compiler addRule uses; the older RuleCompiler refuses $or.
    return JsonRuleCompiler.check(patternJson);
  }

  /**
   * How non-deterministic the pattern's wildcards make matching (event-ruler's measure: 1 for plain
   * patterns, growing with wildcards that can match in many ways), counted up to {@code cap}.
   * Matching slows roughly in proportion.
   */
  public static int complexity(String patternJson, int cap) {
    GenericMachine<String> single = newMachine();
    try {
      single.addRule("pattern", patternJson);
    } catch (IOException e) {
      throw new IllegalArgumentException("invalid pattern: " + e.getMessage(), e);
    }
    return single.evaluateComplexity(new MachineComplexityEvaluator(cap));
  }

  /** Adds a pattern that {@link #check} accepted. */
  public void add(K key, String patternJson) {
    try {
      JsonNode pattern = JSON.readTree(patternJson);
      Set<String> required = requiredTypes(pattern);
      TextPattern<K> text = required == null ? null : TextPattern.of(key, pattern);
      if (required != null && pattern.size() == 1) {
        for (String type : required) { // kept immutable: match hands these lists out
          List<K> keys = new ArrayList<>(byTypeOnly.getOrDefault(type, List.of()));
          keys.add(key);
          byTypeOnly.put(type, List.copyOf(keys));
        }
      } else if (text != null) {
        for (String type : required) {
          textByType.computeIfAbsent(type, t -> new TextIndex<>()).add(text);
        }
        textMachine.addRule(key, patternJson);
        textPaths.add(pattern);
      } else {
        machine.addRule(key, patternJson);
        paths.add(pattern);
        machineSize++;
        if (required == null) {
          machineTypes = null;
        } else if (machineTypes != null) {
          machineTypes.addAll(required);
        }
      }
      size++;
      if (required == null) {
        types = null;
      } else if (types != null) {
        types.addAll(required);
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("invalid pattern for " + key + ": " + e.getMessage(), e);
    }
  }

  /**
   * Keys of every pattern the event matches; reads the event's parsed fields (those the patterns
   * name), so its text is neither written nor parsed.
   */
  public List<K> match(CloudEvent event) {
    String type = event.type();
    if (types != null && !types.contains(type)) {
      return List.of();
    }
    List<K> byType = byTypeOnly.getOrDefault(type, List.of());
    TextIndex<K> texts = textByType.get(type);
    boolean inMachine = machineSize > 0 && (machineTypes == null || machineTypes.contains(type));
    if (texts == null && !inMachine) {
      return byType;
    }
    List<K> all = byType;
    if (texts != null) {
      all = join(byType, matchText(texts, event.json()));
    }
    if (inMachine) {
      all = join(all, machine.rulesForJSONEvent(JsonTrees.of(event.json(), paths)));
    }
    return all;
  }

  /** The keys of the text patterns the event matches. */
  private List<K> matchText(TextIndex<K> texts, JsonObject json) {
    List<K> matched = new ArrayList<>(2);
    if (texts.match(json.getMap(), matched)) {
      return matched;
    }
    return textMachine.rulesForJSONEvent(JsonTrees.of(json, textPaths));
  }

  private static <K> List<K> join(List<K> first, List<K> second) {
    if (first.isEmpty()) {
      return second;
    }
    if (second.isEmpty()) {
      return first;
    }
    List<K> all = new ArrayList<>(first.size() + second.size());
    all.addAll(first);
    all.addAll(second);
    return all;
  }

  /**
   * The exact values a pattern's top-level {@code type} must take, or null when it allows any type.
   */
  private static Set<String> requiredTypes(JsonNode pattern) {
    JsonNode type = pattern.get("type");
    if (type == null || !type.isArray() || type.isEmpty()) {
      return null;
    }
    Set<String> values = new HashSet<>();
    for (JsonNode value : type) {
      if (!value.isTextual()) {
        return null; // an operator (prefix, anything-but, ...) may match types we cannot list
      }
      values.add(value.textValue());
    }
    return values;
  }

  /**
   * Whether an event of this type can match some pattern: false only when every pattern names its
   * exact types and none names this one, so a caller may pass over such an event without reading
   * it.
   */
  public boolean mayMatchType(String type) {
    return types == null || types.contains(type);
  }

  public boolean isEmpty() {
    return size == 0;
  }

  public int size() {
    return size;
  }
}
