package io.reflex.common.event;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Events travelling together between services, so that one event-bus hop serves a whole client
 * frame. Sent with {@link io.reflex.common.bus.EventBatchCodec}: by reference inside a JVM, in a
 * binary form between nodes, written once however many nodes it goes to.
 */
public final class EventBatch {

  private final List<CloudEvent> events;
  private final long[] positions;

  /**
   * The batch as written for other nodes, once written: a batch published to every gateway and sent
   * to a router is written for the first of them only. Racing writers each write the same bytes;
   * whichever is kept, readers see a whole array.
   */
  private volatile byte[] written;

  /**
   * @param positions in durable mode, each event's {@link LogPosition} in the event log (so that
   *     state changes can recognise a retried event); null when the events are not from the log
   */
  public EventBatch(List<CloudEvent> events, long[] positions) {
    if (positions != null && positions.length != events.size()) {
      throw new IllegalArgumentException(
          positions.length + " positions for " + events.size() + " events");
    }
    this.events = events;
    this.positions = positions;
  }

  public EventBatch(List<CloudEvent> events) {
    this(events, null);
  }

  public static EventBatch of(CloudEvent event) {
    return new EventBatch(List.of(event));
  }

  public List<CloudEvent> events() {
    return events;
  }

  /** Each event's log position, or null when the events are not from the log. */
  public long[] positions() {
    return positions;
  }

  public int size() {
    return events.size();
  }

  /**
   * The bytes {@code writer} makes of this batch, made on the first call only: the events must not
   * change once the batch is sent.
   */
  public byte[] written(Function<EventBatch, byte[]> writer) {
    byte[] bytes = written;
    if (bytes == null) {
      bytes = writer.apply(this);
      written = bytes;
    }
    return bytes;
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
