package io.reflex.router.rehearsal;

import io.reflex.common.event.CloudEvent;
import io.reflex.router.rules.CompiledRules;
import io.reflex.router.sequence.SequenceLimits;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Shadow replay: the same events through the running rules and a candidate set, each on a {@link
 * Rehearsal} of its own (own state, own virtual clock), and the difference per rule: outputs added,
 * removed and changed, with samples, and the rules whose hit rate moved most. An output is
 * identified by its rule, action, target and cause (a derived event's id already is its rule and
 * cause), so the same output under both sets is compared field by field.
 */
public final class ShadowDiff {

  private final Rehearsal running;
  private final Rehearsal candidate;
  private final Map<String, Map<String, RehearsedOutput>> before = new LinkedHashMap<>();
  private final Map<String, Map<String, RehearsedOutput>> after = new LinkedHashMap<>();
  private long events;

  public ShadowDiff(
      CompiledRules running, CompiledRules candidate, SequenceLimits limits, int maxDepth) {
    this.running = new Rehearsal(running, limits, maxDepth, output -> keep(before, output));
    this.candidate = new Rehearsal(candidate, limits, maxDepth, output -> keep(after, output));
  }

  public void offer(CloudEvent event) {
    events++;
    running.offer(event);
    candidate.offer(event);
  }

  /**
   * Closes both sets' open windows and reports {@code {events, rules: [{rule, running, candidate,
   * added, removed, changed, samples}], moved: [{rule, running, candidate, change}]}}: only rules
   * with a difference are listed.
   */
  public JsonObject finish(int samples, int moved) {
    running.finish();
    candidate.finish();
    TreeSet<String> rules = new TreeSet<>(before.keySet());
    rules.addAll(after.keySet());
    JsonArray changedRules = new JsonArray();
    List<JsonObject> movement = new ArrayList<>();
    for (String rule : rules) {
      Map<String, RehearsedOutput> old = before.getOrDefault(rule, Map.of());
      Map<String, RehearsedOutput> now = after.getOrDefault(rule, Map.of());
      RuleDiff diff = RuleDiff.of(old, now, samples);
      if (diff.differs()) {
        changedRules.add(
            diff.toJson()
                .put("rule", rule)
                .put("running", old.size())
                .put("candidate", now.size()));
      }
      if (old.size() != now.size()) {
        movement.add(
            new JsonObject()
                .put("rule", rule)
                .put("running", old.size())
                .put("candidate", now.size())
                .put("change", now.size() - old.size()));
      }
    }
    movement.sort(Comparator.comparingLong(rule -> -Math.abs(rule.getLong("change"))));
    return new JsonObject()
        .put("events", events)
        .put("rules", changedRules)
        .put("moved", new JsonArray(movement.subList(0, Math.min(moved, movement.size()))));
  }

  private static void keep(Map<String, Map<String, RehearsedOutput>> side, RehearsedOutput output) {
    String identity = output.action() + " " + output.target() + " " + output.event().id();
    side.computeIfAbsent(output.rule(), rule -> new LinkedHashMap<>()).put(identity, output);
  }
}
