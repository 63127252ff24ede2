package io.reflex.common.event;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Events travelling together between services, so that one event-bus hop serves a whole client
 * frame. Sent with {@link io.reflex.common.bus.EventBatchCodec}: by reference inside a JVM, as JSON
 * text between nodes.
 *
 * @param positions in durable mode, each event's {@link LogPosition} in the event log (so that
 *     state changes can recognise a retried event); null when the events are not from the log
 */
public record EventBatch(List<CloudEvent> events, long[] positions) {

  public EventBatch {
    if (positions != null && positions.length != events.size()) {
      throw new IllegalArgumentException(
          positions.length + " positions for " + events.size() + " events");
    }
  }

  public EventBatch(List<CloudEvent> events) {
    this(events, null);
  }

  public static EventBatch of(CloudEvent event) {
    return new EventBatch(List.of(event));
  }

  public int size() {
    return events.size();
  }

  /** The log position of event {@code index}, or {@link LogPosition#NONE}. */
  public long position(int index) {
    return positions == null ? LogPosition.NONE : positions[index];
  }

  /**
   * Gathers events with their log positions; the batch carries positions only if one of them is in
   * the log.
   */
  public static final class Builder {
    private final List<CloudEvent> events = new ArrayList<>();
    private long[] positions = new long[8];
    private boolean logged;

    public Builder add(CloudEvent event, long position) {
      if (events.size() == positions.length) {
        positions = Arrays.copyOf(positions, positions.length * 2);
      }
      positions[events.size()] = position;
      events.add(event);
      logged |= position != LogPosition.NONE;
      return this;
    }

    public EventBatch build() {
      return new EventBatch(events, logged ? Arrays.copyOf(positions, events.size()) : null);
    }
  }
}
