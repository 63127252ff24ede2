package io.reflex.common.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reflex.common.event.CloudEvent;
import software.amazon.event.ruler.GenericMachine;
import software.amazon.event.ruler.MachineComplexityEvaluator;
import software.amazon.event.ruler.JsonRuleCompiler;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * EventBridge patterns (the event-ruler language) compiled into one matcher, so that one call per event finds every
 * pattern it matches. The router's rules and the gateway's subscriptions both use it; no event-ruler type leaks out.
 *
 * <p>A matcher is built once and then only read: to change its patterns, build a new one and swap it (event-ruler's
 * deletes are fragile, and readers take no lock while a writer adds).
 *
 * <p>Most patterns name the event types they want ({@code "type": ["reflex.metric"]}). While every pattern does, an
 * event of another type is answered at once, without event-ruler: asking it costs about 5 KB of garbage per event,
 * and most events a matcher sees (outputs passing the router and the gateway) are of types that no pattern names.
 *
 * @param <K> the key a pattern is registered under (a rule, a step, a subscription); must be immutable
 */
public final class PatternMatcher<K> {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final GenericMachine<K> machine;
  private int size;
  /** The exact types some pattern requires, while every pattern requires some; null once one does not. */
  private Set<String> types = new HashSet<>();

  public PatternMatcher() {
    this.machine = GenericMachine.<K>builder().withAdditionalNameStateReuse(true).build();
  }

  /**
   * Returns why the pattern is invalid, in event-ruler's own words, or {@code null} when it is valid.
   */
  public static String check(String patternJson) {
    // JsonRuleCompiler is the compiler addRule uses; the older RuleCompiler refuses $or.
    return JsonRuleCompiler.check(patternJson);
  }

  /**
   * How non-deterministic the pattern's wildcards make matching (event-ruler's measure: 1 for plain patterns, growing
   * with wildcards that can match in many ways), counted up to {@code cap}. Matching slows roughly in proportion.
   */
  public static int complexity(String patternJson, int cap) {
    PatternMatcher<String> single = new PatternMatcher<>();
    single.add("pattern", patternJson);
    return single.machine.evaluateComplexity(new MachineComplexityEvaluator(cap));
  }

  /** Adds a pattern that {@link #check} accepted. */
  public void add(K key, String patternJson) {
    try {
      machine.addRule(key, patternJson);
      size++;
      Set<String> required = requiredTypes(patternJson);
      if (required == null) {
        types = null;
      } else if (types != null) {
        types.addAll(required);
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("invalid pattern for " + key + ": " + e.getMessage(), e);
    }
  }

  /** Keys of every pattern the event matches; reads the event's tree, so its text is neither written nor parsed. */
  public List<K> match(CloudEvent event) {
    if (types != null && !types.contains(event.type())) {
      return List.of();
    }
    return machine.rulesForJSONEvent(event.tree());
  }

  /** The exact values a pattern's top-level {@code type} must take, or null when it allows any type. */
  private static Set<String> requiredTypes(String patternJson) throws IOException {
    JsonNode type = JSON.readTree(patternJson).get("type");
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

  public boolean isEmpty() {
    return size == 0;
  }

  public int size() {
    return size;
  }
}
