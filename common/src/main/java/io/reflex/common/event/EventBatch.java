package io.reflex.common.event;


import java.util.List;

/**
 * Events travelling together between services, so that one event-bus hop serves a whole client frame. Sent with
 * {@link io.reflex.common.bus.EventBatchCodec}: by reference inside a JVM, as JSON text between nodes.
 *
 * @param positions in durable mode, each event's {@link LogPosition} in the event log (so that state changes can
 *                  recognise a retried event); null when the events are not from the log
 */
public record EventBatch(List<CloudEvent> events, long[] positions) {

  public EventBatch {
    if (positions != null && positions.length != events.size()) {
      throw new IllegalArgumentException(positions.length + " positions for " + events.size() + " events");
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
}
