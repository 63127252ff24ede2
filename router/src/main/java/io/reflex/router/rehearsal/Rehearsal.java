package io.reflex.router.rehearsal;

import io.reflex.common.event.CloudEvent;
import io.reflex.common.event.LogPosition;
import io.reflex.common.state.StateChange;
import io.reflex.router.action.Action;
import io.reflex.router.action.Plan;
import io.reflex.router.rules.CompiledRules;
import io.reflex.router.rules.Matches;
import io.reflex.router.rules.Rule;
import io.reflex.router.sequence.KeyEvents;
import io.reflex.router.sequence.Outcome;
import io.reflex.router.sequence.RouterTime;
import io.reflex.router.sequence.SequenceEngine;
import io.reflex.router.sequence.SequenceLimits;
import io.reflex.router.sequence.SequenceRule;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Routes a recorded stream through the real rules, sequence engine and templates on a virtual
 * event-time clock: time is whatever the events say, so "no purchase within 30 minutes" takes as
 * long as routing two events. Windows close as the router's timer closes them, when event time
 * passes their deadline plus the lateness; {@link #finish} closes every window still open, as the
 * router's wall-clock fallback eventually does on a quiet stream.
 *
 * <p>Nothing leaves it: deliveries, derived events and publishes are handed to the listener;
 * derived events are routed again, within the depth limit, as the router routes them. One instance
 * is one router with its own state.
 */
public final class Rehearsal {

  private final CompiledRules rules;
  private final SequenceLimits limits;
  private final int maxDepth;
  private final Consumer<RehearsedOutput> listener;
  private final Map<Entry, byte[]> state = new HashMap<>();
  private final Map<Entry, Long> deadlines = new HashMap<>();
  private long clock = Long.MIN_VALUE;

  public Rehearsal(
      CompiledRules rules,
      SequenceLimits limits,
      int maxDepth,
      Consumer<RehearsedOutput> listener) {
    this.rules = rules;
    this.limits = limits;
    this.maxDepth = maxDepth;
    this.listener = listener;
  }

  /** Routes one event at its event time, and then the events it derives. */
  public void offer(CloudEvent event) {
    clock = Math.max(clock, event.timeMillis());
    closeDue(clock - limits.latenessMs());
    routeAll(List.of(event));
  }

  /** Routes the events and, breadth first, the events they derive. */
  private void routeAll(List<CloudEvent> events) {
    Deque<CloudEvent> pending = new ArrayDeque<>(events);
    while (!pending.isEmpty()) {
      pending.addAll(route(pending.poll()));
    }
  }

  /** Closes every window still open, oldest deadline first, and routes what they derive. */
  public void finish() {
    while (!deadlines.isEmpty()) {
      long last = deadlines.values().stream().mapToLong(Long::longValue).max().orElseThrow();
      closeDue(last + 1);
    }
  }

  /**
   * The stored state of a sequence rule and key (null when nothing is held), as the router's store
   * would hold it.
   */
  public byte[] held(String ruleId, String key) {
    return state.get(new Entry(ruleId, key));
  }

  private List<CloudEvent> route(CloudEvent event) {
    Matches matches = rules.match(event);
    List<CloudEvent> derived = new ArrayList<>();
    for (Rule rule : matches.rules()) {
      derived.addAll(act(rule.id(), rule.actions(), event, event.json()));
    }
    for (Matches.StepHits hits : matches.sequences()) {
      String key = hits.rule().by().key(event.json());
      if (key != null) {
        KeyEvents one =
            new KeyEvents(
                key,
                new String[] {event.encode()},
                new long[] {event.timeMillis()},
                new boolean[][] {hits.steps()},
                new long[] {LogPosition.NONE});
        Entry entry = new Entry(hits.rule().id(), key);
        derived.addAll(
            completed(
                hits.rule(), entry, engine(hits.rule()).advance(state.get(entry), one, now())));
      }
    }
    return derived;
  }

  /** Expires the windows whose deadline event time has passed, as the router's timer does. */
  private void closeDue(long passed) {
    List<Map.Entry<Entry, Long>> due =
        deadlines.entrySet().stream()
            .filter(e -> e.getValue() < passed)
            .sorted(Map.Entry.comparingByValue())
            .toList();
    for (Map.Entry<Entry, Long> entry : due) {
      SequenceRule rule = rules.sequence(entry.getKey().rule());
      long watermark = Math.max(entry.getValue() + 1, passed);
      StateChange<Outcome> change =
          engine(rule).expire(state.get(entry.getKey()), watermark, entry.getKey().key(), now());
      routeAll(completed(rule, entry.getKey(), change));
    }
  }

  /**
   * Stores the engine's change and plans the actions of the matches it completed; returns the
   * derived events.
   */
  private List<CloudEvent> completed(SequenceRule rule, Entry entry, StateChange<Outcome> change) {
    if (change.newValue() == null) {
      state.remove(entry);
    } else {
      state.put(entry, change.newValue());
    }
    long deadline = change.result().nextDeadline();
    if (deadline == Long.MAX_VALUE) {
      deadlines.remove(entry);
    } else {
      deadlines.put(entry, deadline);
    }
    List<CloudEvent> derived = new ArrayList<>();
    for (String match : change.result().matches()) {
      JsonObject context = new JsonObject(match);
      derived.addAll(
          act(
              rule.id(),
              rule.actions(),
              CloudEvent.wrap(SequenceEngine.causeOf(context)),
              context));
    }
    return derived;
  }

  /**
   * Plans one rule's actions for one cause, tells the listener, and returns the derived events to
   * route.
   */
  private List<CloudEvent> act(
      String ruleId, List<Action> actions, CloudEvent cause, JsonObject context) {
    Plan plan = new Plan(maxDepth);
    plan.add(ruleId, actions, cause, LogPosition.NONE, context);
    plan.delivered()
        .forEach(
            (service, events) ->
                events.forEach(
                    event ->
                        listener.accept(new RehearsedOutput(ruleId, "deliver", service, event))));
    plan.derived()
        .forEach(
            event -> listener.accept(new RehearsedOutput(ruleId, "emit", event.type(), event)));
    plan.published()
        .forEach(
            (target, events) ->
                events.forEach(
                    event ->
                        listener.accept(
                            new RehearsedOutput(
                                ruleId, "publish", target.publish().topic(), event))));
    return plan.derived();
  }

  private SequenceEngine engine(SequenceRule rule) {
    return new SequenceEngine(rule.definition(), limits);
  }

  private RouterTime now() {
    return new RouterTime(clock, clock);
  }

  private record Entry(String rule, String key) {}
}
