package io.reflex.common.bus;

import io.reflex.common.event.CloudEvent;
import io.reflex.common.event.EventBatch;
import io.vertx.core.buffer.Buffer;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends an {@link EventBatch} by reference inside a JVM and across nodes as a count, each event in
 * its {@link EventWire} form (one string table for the whole batch) and the log positions, if any;
 * written once for all the nodes a batch goes to. Registered on every node by {@link Codecs}.
 */
public final class EventBatchCodec extends ReferenceCodec<EventBatch> {

  public static final String NAME = "reflex.eventbatch";

  public EventBatchCodec() {
    super(NAME);
  }

  @Override
  public void encodeToWire(Buffer buffer, EventBatch batch) {
    buffer.appendBytes(batch.written(EventBatchCodec::write));
  }

  private static byte[] write(EventBatch batch) {
    EventWire.Writer writer = new EventWire.Writer(batch.size());
    for (CloudEvent event : batch.events()) {
      writer.write(event);
    }
    long[] positions = batch.positions();
    int positionCount = positions == null ? 0 : positions.length;
    ByteBuffer message = ByteBuffer.allocate(4 + writer.size() + 4 + 8 * positionCount);
    message.putInt(batch.size());
    writer.copyTo(message);
    message.putInt(positions == null ? -1 : positionCount);
    for (int i = 0; i < positionCount; i++) {
      message.putLong(positions[i]);
    }
    return message.array();
  }

  @Override
  public EventBatch decodeFromWire(int pos, Buffer buffer) {
    int count = buffer.getInt(pos);
    EventWire.Reader reader = new EventWire.Reader(buffer, pos + 4);
    List<CloudEvent> events = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      events.add(reader.read());
    }
    int at = reader.position();
    int positionCount = buffer.getInt(at);
    long[] positions = positionCount < 0 ? null : new long[positionCount];
    for (int i = 0; i < positionCount; i++) {
      positions[i] = buffer.getLong(at + 4 + 8 * i);
    }
    return new EventBatch(events, positions);
  }
}
