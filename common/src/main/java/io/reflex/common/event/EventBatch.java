package io.reflex.common.event;

import java.util.List;

/**
 * Events travelling together between services, so that one event-bus hop serves a whole client frame. Sent with
 * {@link io.reflex.common.bus.EventBatchCodec}: by reference inside a JVM, as JSON text between nodes.
 */
public record EventBatch(List<CloudEvent> events) {

  public static EventBatch of(CloudEvent event) {
    return new EventBatch(List.of(event));
  }

  public int size() {
    return events.size();
  }
}
