package io.reflex.router.action;

import io.reflex.common.event.EventBatch;
import io.reflex.common.placement.KeyOwners;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A delivery split by the replica that owns each event's key, keeping each event's log position
 * and, within a replica's part, the events' order. Events whose owner is not known yet are filed
 * under {@code null}.
 */
final class OwnerBatches {

  private OwnerBatches() {}

  static Map<String, EventBatch> split(EventBatch batch, KeyOwners owners) {
    Map<String, EventBatch.Builder> parts = new LinkedHashMap<>();
    for (int i = 0; i < batch.size(); i++) {
      parts
          .computeIfAbsent(
              owners.owner(KeyOwners.keyOf(batch.events().get(i))),
              owner -> new EventBatch.Builder())
          .add(batch.events().get(i), batch.position(i));
    }
    Map<String, EventBatch> batches = new LinkedHashMap<>();
    parts.forEach((owner, part) -> batches.put(owner, part.build()));
    return batches;
  }
}
