package io.reflex.router.rules;

import io.reflex.common.pattern.PatternMatcher;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A rule set with its patterns compiled into one matcher. Immutable once built; a reload builds a new one (off the
 * event loop: compiling thousands of patterns takes seconds) and the router swaps it in whole.
 */
public final class CompiledRules {

  private final List<Rule> rules;
  /** Patterns are registered under the rule's position, so matches can be put back in document order cheaply. */
  private final PatternMatcher<Integer> matcher = new PatternMatcher<>();
  private final String origin;

  public CompiledRules(List<Rule> rules, String origin) {
    this.rules = List.copyOf(rules);
    this.origin = origin;
    for (int i = 0; i < rules.size(); i++) {
      matcher.add(i, rules.get(i).pattern());
    }
  }

  /** Rules matching an event, in the order they appear in the rules document. */
  public List<Rule> match(String eventJson) {
    List<Integer> positions = matcher.match(eventJson);
    if (positions.isEmpty()) {
      return List.of();
    }
    List<Integer> ordered = new ArrayList<>(positions);
    Collections.sort(ordered);
    List<Rule> matched = new ArrayList<>(ordered.size());
    for (int position : ordered) {
      matched.add(rules.get(position));
    }
    return matched;
  }

  public List<Rule> rules() {
    return rules;
  }

  public String origin() {
    return origin;
  }
}
