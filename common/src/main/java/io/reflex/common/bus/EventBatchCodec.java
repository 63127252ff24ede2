package io.reflex.common.bus;

import io.reflex.common.event.CloudEvent;
import io.reflex.common.event.EventBatch;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends an {@link EventBatch} by reference inside a JVM and across nodes as a count, each event's
 * JSON text (length-prefixed UTF-8) and the log positions, if any. Each event keeps the text it
 * arrived as, so the next hop sends those bytes again instead of encoding the event anew.
 * Registered on every node by {@link Codecs}.
 */
public final class EventBatchCodec extends ReferenceCodec<EventBatch> {

  public static final String NAME = "reflex.eventbatch";

  public EventBatchCodec() {
    super(NAME);
  }

  @Override
  public void encodeToWire(Buffer buffer, EventBatch batch) {
    buffer.appendInt(batch.size());
    for (CloudEvent event : batch.events()) {
      WireText.write(buffer, event.encode());
    }
    long[] positions = batch.positions();
    buffer.appendInt(positions == null ? -1 : positions.length);
    if (positions != null) {
      for (long position : positions) {
        buffer.appendLong(position);
      }
    }
  }

  @Override
  public EventBatch decodeFromWire(int pos, Buffer buffer) {
    int count = buffer.getInt(pos);
    int at = pos + 4;
    List<CloudEvent> events = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String text = WireText.read(at, buffer);
      events.add(CloudEvent.wrap(new JsonObject(text), text));
      at += 4 + buffer.getInt(at);
    }
    int positionCount = buffer.getInt(at);
    long[] positions = positionCount < 0 ? null : new long[positionCount];
    for (int i = 0; i < positionCount; i++) {
      positions[i] = buffer.getLong(at + 4 + 8 * i);
    }
    return new EventBatch(events, positions);
  }
}
