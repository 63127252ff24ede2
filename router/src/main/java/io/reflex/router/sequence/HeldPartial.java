package io.reflex.router.sequence;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A read-only view of one partial match held in a key's state, for explanations and telemetry: the
 * step it waits on, each step's count, the id of the event that started it, and the event times it
 * started, last advanced and must complete by (its window's deadline).
 */
public record HeldPartial(
    int step, List<Integer> counts, String startedBy, long first, long last, long deadline) {

  /**
   * The partial matches the stored bytes hold, oldest first (none when the state belongs to another
   * definition).
   */
  public static List<HeldPartial> of(byte[] state, SequenceDefinition definition) {
    List<HeldPartial> held = new ArrayList<>();
    for (PartialMatch partial : SequenceState.decode(state, definition).partials) {
      List<Integer> counts = new ArrayList<>();
      for (int count : partial.counts) {
        counts.add(count);
      }
      String startedBy =
          partial.events[0] == null ? null : new JsonObject(partial.events[0]).getString("id");
      held.add(
          new HeldPartial(
              partial.step,
              counts,
              startedBy,
              partial.first,
              partial.last,
              partial.first + definition.withinMs()));
    }
    return held;
  }

  /** The same partial match before and after an event (its counts may differ). */
  public boolean same(HeldPartial other) {
    return first == other.first && java.util.Objects.equals(startedBy, other.startedBy);
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("step", step)
        .put("counts", new JsonArray(new ArrayList<>(counts)))
        .put("startedBy", startedBy)
        .put("started", Instant.ofEpochMilli(first).toString())
        .put("lastAdvanced", Instant.ofEpochMilli(last).toString())
        .put("deadline", Instant.ofEpochMilli(deadline).toString());
  }
}
