package io.reflex.router.rules;

import io.reflex.common.event.CloudEvent;
import io.reflex.common.pattern.PatternMatcher;
import io.reflex.router.rules.MatchRef.RuleRef;
import io.reflex.router.rules.MatchRef.StepRef;
import io.reflex.router.sequence.KeyPath;
import io.reflex.router.sequence.SequenceRule;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A rule set with the patterns of its field rules and of its sequences' steps compiled into one
 * matcher. Immutable once built; a reload builds a new one (off the event loop: compiling thousands
 * of patterns takes seconds) and the router swaps it in whole.
 */
public final class CompiledRules {

  private final RuleSet rules;
  private final PatternMatcher<MatchRef> matcher = new PatternMatcher<>();
  private final String origin;
  private final Map<String, SequenceRule> sequencesById = new HashMap<>();

  public CompiledRules(RuleSet rules, String origin) {
    this.rules = rules;
    this.origin = origin;
    for (int i = 0; i < rules.fields().size(); i++) {
      matcher.add(new RuleRef(i), rules.fields().get(i).pattern());
    }
    for (int i = 0; i < rules.sequences().size(); i++) {
      SequenceRule sequence = rules.sequences().get(i);
      sequencesById.put(sequence.id(), sequence);
      for (int step = 0; step < sequence.definition().steps().size(); step++) {
        matcher.add(new StepRef(i, step), sequence.definition().steps().get(step).pattern());
      }
      if (sequence.definition().strict()) {
        matcher.add(new StepRef(i, StepRef.ANY_EVENT_OF_KEY), keyExists(sequence.by()));
      }
    }
  }

  /**
   * Whether an event of this type can match some rule or sequence step: false only when every
   * pattern names its exact types and none names this one.
   */
  public boolean mayMatchType(String type) {
    return matcher.mayMatchType(type);
  }

  /** Field rules the event matches in document order, and the sequence steps it matches. */
  public Matches match(CloudEvent event) {
    List<MatchRef> refs = matcher.match(event);
    if (refs.isEmpty()) {
      return Matches.NONE;
    }
    // Plain int sorting, no boxing maps: this runs for every event and most matches are field
    // rules.
    int[] positions = new int[refs.size()];
    int fieldCount = 0;
    TreeMap<Integer, boolean[]> steps = null;
    for (MatchRef ref : refs) {
      if (ref instanceof RuleRef rule) {
        positions[fieldCount++] = rule.position();
      } else if (ref instanceof StepRef step) {
        if (steps == null) {
          steps = new TreeMap<>();
        }
        boolean[] hits =
            steps.computeIfAbsent(
                step.sequence(),
                i -> new boolean[rules.sequences().get(i).definition().steps().size()]);
        if (step.step() != StepRef.ANY_EVENT_OF_KEY) {
          hits[step.step()] = true;
        }
      }
    }
    Arrays.sort(positions, 0, fieldCount);
    Rule[] fields = new Rule[fieldCount];
    for (int i = 0; i < fieldCount; i++) {
      fields[i] = rules.fields().get(positions[i]);
    }
    if (steps == null) {
      return new Matches(Arrays.asList(fields), List.of());
    }
    List<Matches.StepHits> sequences = new ArrayList<>(steps.size());
    for (Map.Entry<Integer, boolean[]> entry : steps.entrySet()) {
      sequences.add(new Matches.StepHits(rules.sequences().get(entry.getKey()), entry.getValue()));
    }
    return new Matches(Arrays.asList(fields), sequences);
  }

  public List<Rule> rules() {
    return rules.fields();
  }

  public List<SequenceRule> sequences() {
    return rules.sequences();
  }

  /** The sequence rule with this id, or null. */
  public SequenceRule sequence(String id) {
    return sequencesById.get(id);
  }

  public String origin() {
    return origin;
  }

  /** A pattern matching every event that has a value at the dotted path. */
  private static String keyExists(KeyPath path) {
    List<String> names = path.names();
    Object pattern = new JsonArray().add(new JsonObject().put("exists", true));
    for (int i = names.size() - 1; i >= 0; i--) {
      pattern = new JsonObject().put(names.get(i), pattern);
    }
    return ((JsonObject) pattern).encode();
  }
}
