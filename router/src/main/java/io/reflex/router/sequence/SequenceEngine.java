package io.reflex.router.sequence;

import io.reflex.common.state.AppliedPositions;
import io.reflex.common.state.StateChange;
import io.reflex.common.state.Wake;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * Advances the partial matches of one sequence rule for one key. Pure and deterministic (time comes
 * in with the event or the timer, never from a clock), so it can run where the state lives, on a
 * backup too.
 *
 * <p>Semantics: every event matching the first step starts a partial match (capped, oldest
 * dropped); a partial match takes an event into its current step while the step's maximum allows,
 * or moves on to the next step once the current one has its minimum. An event matching a {@code
 * not} step between two steps cancels the partial matches waiting there; a trailing {@code not}
 * cancels them until the window closes, and the match fires when it does. Relaxed contiguity lets
 * other events pass; strict contiguity cancels a partial match at the first event of the key that
 * does not extend it. After a match, skip-past-last-event drops every partial match that started at
 * or before the match's last event.
 */
public final class SequenceEngine {

  /**
   * How long a key keeps the log positions it took after its matches are done: longer than a router
   * takes to retry a batch or to be replaced after a crash (seconds), so a batch routed again is
   * not counted twice.
   */
  static final long RETRY_WINDOW_MS = 10 * 60_000L;

  /** The fields a match adds to the completing event's own in the template context. */
  private static final List<String> MATCH_FIELDS =
      List.of("steps", "counts", "key", "firstTime", "lastTime");

  private final SequenceDefinition definition;
  private final SequenceLimits limits;
  private final List<SequenceStep> steps;

  public SequenceEngine(SequenceDefinition definition, SequenceLimits limits) {
    this.definition = definition;
    this.limits = limits;
    this.steps = definition.steps();
  }

  /**
   * Takes the events one batch brought for the key, in arrival order: one decode and one encode of
   * the state for all of them.
   */
  public StateChange<Outcome> advance(byte[] current, KeyEvents events, RouterTime now) {
    SequenceState state = SequenceState.decode(current, definition);
    Held before = new Held(state.partials.size(), current == null ? 0 : current.length);
    List<String> fired = new ArrayList<>();
    int dropped = 0;
    int late = 0;
    for (int i = 0; i < events.size(); i++) {
      long time = events.times()[i];
      if (state.applied.applied(events.positions()[i])) {
        continue; // a retried batch from the event log: this event was taken already
      }
      state.applied.record(events.positions()[i]);
      if (state.clock != Long.MIN_VALUE && time < state.clock - limits.latenessMs()) {
        late++;
      } else {
        dropped += take(state, events.events()[i], time, events.matched()[i], events.key(), fired);
      }
    }
    return change(state, events.key(), fired, dropped, late, before, now);
  }

  /**
   * Advances the key's time to {@code watermark} without an event: windows that closed fire or are
   * dropped. Each partial match fires in the call that removes it from the state, so calling this
   * again, with the same or another watermark, never fires it twice.
   */
  public StateChange<Outcome> expire(byte[] current, long watermark, String key, RouterTime now) {
    SequenceState state = SequenceState.decode(current, definition);
    Held before = new Held(state.partials.size(), current == null ? 0 : current.length);
    List<String> fired = new ArrayList<>();
    close(state, watermark, fired, key);
    if (state.partials.isEmpty()) {
      state.applied =
          AppliedPositions.none(); // nothing under way: the retry window is over too (see change)
    }
    return change(state, key, fired, 0, 0, before, now);
  }

  /** One event of the key; returns how many partial matches the cap dropped. */
  private int take(
      SequenceState state,
      String event,
      long time,
      boolean[] matched,
      String key,
      List<String> fired) {
    state.clock = Math.max(state.clock, time);
    close(state, state.clock - limits.latenessMs(), fired, key);
    boolean skipAll = false;
    for (Iterator<PartialMatch> it = state.partials.iterator(); it.hasNext() && !skipAll; ) {
      PartialMatch partial = it.next();
      Step result = step(partial, event, time, matched);
      if (result == Step.CANCELLED || (result == Step.IGNORED && definition.strict())) {
        it.remove();
      } else if (result == Step.TAKEN && complete(partial)) {
        fired.add(context(partial, event, key));
        it.remove();
        skipAll = definition.skipPastLast();
      }
    }
    if (skipAll) {
      state.partials.clear();
    } else if (matched[0]) {
      PartialMatch started = new PartialMatch(steps.size(), time);
      started.take(0, event, time);
      if (complete(started)) {
        fired.add(context(started, event, key));
      } else {
        state.partials.add(started);
      }
    }
    int dropped = 0;
    while (state.partials.size() > limits.maxPartials()) {
      state.partials.remove(0);
      dropped++;
    }
    return dropped;
  }

  /**
   * The new state, with a wake for its first window to close, so a quiet key's window closes too. A
   * key with nothing under way but logged events taken is kept a while ({@link #RETRY_WINDOW_MS})
   * so that a retried batch is still recognised, then removed at its wake.
   */
  private StateChange<Outcome> change(
      SequenceState state,
      String key,
      List<String> fired,
      int dropped,
      int late,
      Held before,
      RouterTime now) {
    long deadline = nextDeadline(state);
    Wake wake =
        state.partials.isEmpty() && !state.applied.isEmpty()
            ? new Wake(Long.MAX_VALUE, now.wallTime() + RETRY_WINDOW_MS)
            : now.wake(deadline, limits.latenessMs());
    byte[] encoded = state.encode(definition);
    int partials = state.partials.size();
    Outcome outcome =
        new Outcome(
            key,
            fired,
            dropped,
            late,
            deadline,
            partials,
            partials - before.partials(),
            (encoded == null ? 0 : encoded.length) - before.bytes());
    return new StateChange<>(encoded, outcome, wake);
  }

  /**
   * How many partial matches and state bytes the key held before the update, for the rule's
   * telemetry.
   */
  private record Held(int partials, int bytes) {}

  /**
   * What an event did to a partial match; WAITING is a trailing absence, which only its own pattern
   * cancels.
   */
  private enum Step {
    TAKEN,
    IGNORED,
    WAITING,
    CANCELLED
  }

  private Step step(PartialMatch partial, String event, long time, boolean[] matched) {
    boolean inWindow = time - partial.first <= definition.withinMs();
    SequenceStep current = steps.get(partial.step);
    if (current.absent()) {
      // Past the window the absence is proven; the match fires when the window closes (see close).
      return matched[partial.step] && inWindow ? Step.CANCELLED : Step.WAITING;
    }
    if (!inWindow) {
      return Step.CANCELLED;
    }
    if (matched[partial.step]
        && partial.count < current.max()
        && differs(partial, partial.step, event)) {
      partial.take(partial.step, event, time);
      return Step.TAKEN;
    }
    if (partial.count < current.min()) {
      return Step.IGNORED;
    }
    int next = partial.step + 1;
    if (next < steps.size() && steps.get(next).absent()) {
      if (matched[next]) {
        return Step.CANCELLED;
      }
      next++;
    }
    if (next < steps.size() && matched[next] && differs(partial, next, event)) {
      partial.take(next, event, time);
      return Step.TAKEN;
    }
    return Step.IGNORED;
  }

  /**
   * Whether the partial match is done; a partial match whose last positive step has its minimum
   * moves on to wait for the window to close when a trailing absence follows.
   */
  private boolean complete(PartialMatch partial) {
    SequenceStep current = steps.get(partial.step);
    if (partial.count < current.min()) {
      return false;
    }
    int last = steps.size() - 1;
    if (partial.step == last) {
      return true;
    }
    if (partial.step == last - 1 && definition.trailingAbsence()) {
      partial.step = last;
      partial.count = 0;
    }
    return false;
  }

  private boolean differs(PartialMatch partial, int stepIndex, String event) {
    SequenceStep step = steps.get(stepIndex);
    if (step.differs() == null) {
      return true;
    }
    String earlier = partial.events[step.differsFrom()];
    return earlier != null
        && !Objects.equals(
            step.differs().resolve(new JsonObject(event)),
            step.differs().resolve(new JsonObject(earlier)));
  }

  /**
   * Closes the windows that ended before {@code watermark}: trailing absences fire, other partial
   * matches expire.
   */
  private void close(SequenceState state, long watermark, List<String> fired, String key) {
    long skipUpTo = Long.MIN_VALUE;
    for (Iterator<PartialMatch> it = state.partials.iterator(); it.hasNext(); ) {
      PartialMatch partial = it.next();
      if (partial.first <= skipUpTo) {
        it.remove();
      } else if (watermark > partial.first + definition.withinMs()) {
        it.remove();
        if (steps.get(partial.step).absent()) {
          fired.add(context(partial, partial.events[lastTaken(partial)], key));
          if (definition.skipPastLast()) {
            skipUpTo = partial.last;
          }
        }
      }
    }
    if (skipUpTo != Long.MIN_VALUE) {
      long bound = skipUpTo;
      state.partials.removeIf(partial -> partial.first <= bound);
    }
  }

  private static int lastTaken(PartialMatch partial) {
    int index = partial.events.length - 1;
    while (partial.events[index] == null) {
      index--;
    }
    return index;
  }

  /**
   * The template context of a completed match: the fields of the event that completed it (so {@code
   * ${subject}} works as in field rules), plus {@code steps[i]} (the first event of step i), {@code
   * counts[i]}, {@code key}, {@code firstTime} and {@code lastTime}.
   */
  private String context(PartialMatch partial, String completing, String key) {
    JsonObject context = new JsonObject(completing);
    JsonArray stepEvents = new JsonArray();
    JsonArray counts = new JsonArray();
    for (int i = 0; i < steps.size(); i++) {
      stepEvents.add(partial.events[i] == null ? null : new JsonObject(partial.events[i]));
      counts.add(partial.counts[i]);
    }
    return context
        .put("steps", stepEvents)
        .put("counts", counts)
        .put("key", key)
        .put("firstTime", Instant.ofEpochMilli(partial.first).toString())
        .put("lastTime", Instant.ofEpochMilli(partial.last).toString())
        .encode();
  }

  /** The event that completed a match (its cause), from the match's template context. */
  public static JsonObject causeOf(JsonObject context) {
    JsonObject cause = context.copy();
    MATCH_FIELDS.forEach(cause::remove);
    return cause;
  }

  /**
   * When the state next needs a look: the end of its oldest window ({@link Long#MAX_VALUE} when it
   * holds nothing).
   */
  private long nextDeadline(SequenceState state) {
    long deadline = Long.MAX_VALUE;
    for (PartialMatch partial : state.partials) {
      deadline = Math.min(deadline, partial.first + definition.withinMs());
    }
    return deadline;
  }
}
