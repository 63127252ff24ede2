package io.reflex.router.explain;

import io.reflex.common.event.CloudEvent;
import io.reflex.common.event.LogPosition;
import io.reflex.common.state.StateChange;
import io.reflex.router.sequence.HeldPartial;
import io.reflex.router.sequence.KeyEvents;
import io.reflex.router.sequence.Outcome;
import io.reflex.router.sequence.RouterTime;
import io.reflex.router.sequence.SequenceEngine;
import io.reflex.router.sequence.SequenceLimits;
import io.reflex.router.sequence.SequenceRule;
import io.reflex.router.sequence.SequenceStep;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Explains a sequence rule for one event: the event's key, which steps it matches (and for the
 * others the first field that failed), the partial matches held for the key with their deadlines on
 * event time, and what the event would do to them. The last part is a dry run of the real engine on
 * a copy of the key's state: nothing is stored.
 */
public final class SequenceExplainer {

  private SequenceExplainer() {}

  /**
   * @param matched the steps event-ruler matched ({@code matched[i]} for step i)
   * @param state the key's stored state, null when nothing is held
   */
  public static JsonObject explain(
      SequenceRule rule, SequenceLimits limits, CloudEvent event, boolean[] matched, byte[] state) {
    JsonObject json =
        new JsonObject().put("rule", rule.id()).put("kind", "sequence").put("by", rule.by().text());
    List<SequenceStep> steps = rule.definition().steps();
    JsonArray stepsJson = new JsonArray();
    long nearest = Long.MAX_VALUE;
    boolean any = false;
    for (int i = 0; i < steps.size(); i++) {
      JsonObject step =
          new JsonObject()
              .put("step", i)
              .put("kind", steps.get(i).absent() ? "not" : "step")
              .put("matched", matched[i]);
      any |= matched[i];
      if (!matched[i]) {
        PatternExplanation why = PatternExplainer.explain(steps.get(i).pattern(), event.json());
        step.mergeIn(why.toJson());
        nearest = Math.min(nearest, Math.max(1, why.failures()));
      } else {
        nearest = 0;
      }
      stepsJson.add(step);
    }
    json.put("matched", any).put("fieldsFailed", nearest).put("steps", stepsJson);
    String key = rule.by().key(event.json());
    if (key == null) {
      return json.put("key", null)
          .put(
              "note",
              "the event has no string or number at '"
                  + rule.by()
                  + "': no partial match of this rule can see it");
    }
    List<HeldPartial> held = HeldPartial.of(state, rule.definition());
    json.put("key", key).put("held", toJson(held));
    if (any || rule.definition().strict()) {
      json.put("thisEvent", dryRun(rule, limits, event, matched, state, held));
    }
    return json;
  }

  private static JsonObject dryRun(
      SequenceRule rule,
      SequenceLimits limits,
      CloudEvent event,
      boolean[] matched,
      byte[] state,
      List<HeldPartial> before) {
    long time = event.timeMillis();
    String key = rule.by().key(event.json());
    KeyEvents one =
        new KeyEvents(
            key,
            new String[] {event.encode()},
            new long[] {time},
            new boolean[][] {matched},
            new long[] {LogPosition.NONE});
    StateChange<Outcome> change =
        new SequenceEngine(rule.definition(), limits)
            .advance(state, one, new RouterTime(time, System.currentTimeMillis()));
    Outcome outcome = change.result();
    List<HeldPartial> after = HeldPartial.of(change.newValue(), rule.definition());
    JsonArray ended = new JsonArray();
    int dropped = outcome.dropped();
    for (HeldPartial partial : before) {
      if (after.stream().noneMatch(partial::same)) {
        String reason = EndReasons.of(rule, limits, partial, time, matched, outcome, dropped > 0);
        if (reason.startsWith("cap")) {
          dropped--;
        }
        ended.add(partial.toJson().put("ended", reason));
      }
    }
    JsonObject result =
        new JsonObject()
            .put("fires", outcome.matches().size())
            .put("ended", ended)
            .put("heldAfter", toJson(after));
    if (outcome.late() > 0) {
      result.put(
          "late",
          "older than the key's newest event by more than " + limits.latenessMs() + " ms: ignored");
    }
    return result;
  }

  private static JsonArray toJson(List<HeldPartial> partials) {
    JsonArray json = new JsonArray();
    partials.forEach(partial -> json.add(partial.toJson()));
    return json;
  }
}
