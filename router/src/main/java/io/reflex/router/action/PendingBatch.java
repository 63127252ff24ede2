package io.reflex.router.action;

import io.reflex.common.event.CloudEvent;
import io.reflex.common.event.EventBatch;
import io.reflex.common.event.LogPosition;

import java.util.ArrayList;
import java.util.List;

/** Events for one delivery with their log positions, so that the service can recognise a retried event. */
final class PendingBatch {

  private final List<CloudEvent> events = new ArrayList<>();
  private final List<Long> positions = new ArrayList<>();
  private boolean logged;

  void add(CloudEvent event, long position) {
    events.add(event);
    positions.add(position);
    logged |= position != LogPosition.NONE;
  }

  List<CloudEvent> events() {
    return events;
  }

  EventBatch toBatch() {
    return logged ? new EventBatch(events, positions.stream().mapToLong(Long::longValue).toArray())
        : new EventBatch(events);
  }
}
