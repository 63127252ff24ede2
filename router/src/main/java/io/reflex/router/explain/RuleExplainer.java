package io.reflex.router.explain;

import io.reflex.common.event.CloudEvent;
import io.reflex.router.rules.CompiledRules;
import io.reflex.router.rules.Matches;
import io.reflex.router.rules.Rule;
import io.reflex.router.sequence.SequenceLimits;
import io.reflex.router.sequence.SequenceRule;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Explains one event against every rule: event-ruler's match says which rules match, a second pass
 * over the patterns says why the others do not. Matching rules come first, then the non-matching
 * ones nearest first (fewest failed fields, then most fields checked).
 */
public final class RuleExplainer {

  private static final Comparator<JsonObject> NEAREST =
      Comparator.<JsonObject>comparingInt(rule -> rule.getBoolean("matched") ? 0 : 1)
          .thenComparingLong(rule -> rule.getLong("fieldsFailed", 0L))
          .thenComparingLong(rule -> -rule.getLong("fieldsChecked", 0L));

  private final CompiledRules rules;
  private final SequenceLimits limits;

  public RuleExplainer(CompiledRules rules, SequenceLimits limits) {
    this.rules = rules;
    this.limits = limits;
  }

  /**
   * The stored state of each sequence rule for the event's key (rule id to bytes; absent when
   * nothing is held).
   *
   * @param held the stored state of a sequence rule (id) and key, completing with null when nothing
   *     is held
   */
  public Future<Map<String, byte[]>> heldFor(
      CloudEvent event, BiFunction<String, String, Future<byte[]>> held) {
    Map<String, Future<byte[]>> lookups = new HashMap<>();
    for (SequenceRule rule : rules.sequences()) {
      String key = rule.by().key(event.json());
      if (key != null) {
        lookups.put(rule.id(), held.apply(rule.id(), key));
      }
    }
    return Future.all(new ArrayList<>(lookups.values()))
        .map(
            all -> {
              Map<String, byte[]> states = new HashMap<>();
              lookups.forEach(
                  (rule, state) -> {
                    if (state.result() != null) {
                      states.put(rule, state.result());
                    }
                  });
              return states;
            });
  }

  /**
   * The explanation, against the sequence state {@link #heldFor} found. A second pass over every
   * pattern: with many rules it takes a while, so the router runs it on a worker.
   */
  public JsonObject explain(CloudEvent event, Map<String, byte[]> held) {
    Matches matches = rules.match(event);
    List<JsonObject> explained = new ArrayList<>();
    for (Rule rule : rules.rules()) {
      JsonObject json = new JsonObject().put("rule", rule.id()).put("kind", "field");
      if (matches.rules().contains(rule)) {
        explained.add(json.put("matched", true));
      } else {
        explained.add(
            json.put("matched", false)
                .mergeIn(PatternExplainer.explain(rule.pattern(), event.json()).toJson()));
      }
    }
    for (SequenceRule rule : rules.sequences()) {
      boolean[] matched =
          matches.sequences().stream()
              .filter(hits -> hits.rule() == rule)
              .findFirst()
              .map(Matches.StepHits::steps)
              .orElse(new boolean[rule.definition().steps().size()]);
      explained.add(SequenceExplainer.explain(rule, limits, event, matched, held.get(rule.id())));
    }
    explained.sort(NEAREST);
    JsonArray matched = new JsonArray();
    explained.stream()
        .filter(rule -> rule.getBoolean("matched"))
        .forEach(rule -> matched.add(rule.getString("rule")));
    return new JsonObject()
        .put("event", event.id())
        .put("matched", matched)
        .put("rules", new JsonArray(explained));
  }
}
