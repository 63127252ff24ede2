package io.reflex.common.pattern;

import io.reflex.common.event.CloudEvent;
import software.amazon.event.ruler.GenericMachine;
import software.amazon.event.ruler.MachineComplexityEvaluator;
import software.amazon.event.ruler.JsonRuleCompiler;

import java.io.IOException;
import java.util.List;

/**
 * EventBridge patterns (the event-ruler language) compiled into one matcher, so that one call per event finds every
 * pattern it matches. The router's rules and the gateway's subscriptions both use it; no event-ruler type leaks out.
 *
 * <p>A matcher is built once and then only read: to change its patterns, build a new one and swap it (event-ruler's
 * deletes are fragile, and readers take no lock while a writer adds).
 *
 * @param <K> the key a pattern is registered under (a rule, a step, a subscription); must be immutable
 */
public final class PatternMatcher<K> {

  private final GenericMachine<K> machine;
  private int size;

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
    } catch (IOException e) {
      throw new IllegalArgumentException("invalid pattern for " + key + ": " + e.getMessage(), e);
    }
  }

  /** Keys of every pattern the event matches; reads the event's tree, so its text is neither written nor parsed. */
  public List<K> match(CloudEvent event) {
    return machine.rulesForJSONEvent(event.tree());
  }

  public boolean isEmpty() {
    return size == 0;
  }

  public int size() {
    return size;
  }
}
