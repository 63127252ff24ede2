package io.reflex.common.bus;

import io.reflex.common.event.CloudEvent;
import io.reflex.common.event.EventBatch;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;

import java.util.ArrayList;
import java.util.List;

/**
 * Sends an {@link EventBatch} by reference inside a JVM and across nodes as a JSON array of events followed by their
 * log positions, if any. Registered on every node by {@link Codecs}.
 */
public final class EventBatchCodec extends ReferenceCodec<EventBatch> {

  public static final String NAME = "reflex.eventbatch";

  public EventBatchCodec() {
    super(NAME);
  }

  @Override
  public void encodeToWire(Buffer buffer, EventBatch batch) {
    StringBuilder text = new StringBuilder(batch.size() * 256).append('[');
    for (int i = 0; i < batch.size(); i++) {
      if (i > 0) {
        text.append(',');
      }
      text.append(batch.events().get(i).encode());
    }
    WireText.write(buffer, text.append(']').toString());
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
    JsonArray array = new JsonArray(WireText.read(pos, buffer));
    List<CloudEvent> events = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      events.add(CloudEvent.wrap(array.getJsonObject(i)));
    }
    int at = pos + 4 + buffer.getInt(pos);
    int count = buffer.getInt(at);
    long[] positions = count < 0 ? null : new long[count];
    for (int i = 0; i < count; i++) {
      positions[i] = buffer.getLong(at + 4 + 8 * i);
    }
    return new EventBatch(events, positions);
  }
}
