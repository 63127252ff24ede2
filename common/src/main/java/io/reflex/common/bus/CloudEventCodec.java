package io.reflex.common.bus;

import io.reflex.common.event.CloudEvent;
import io.vertx.core.buffer.Buffer;

/**
 * Sends a {@link CloudEvent} by reference inside a JVM (events are immutable, so no copy is needed)
 * and in its {@link EventWire} form across nodes. Registered on every node by {@link Codecs}.
 */
public final class CloudEventCodec extends ReferenceCodec<CloudEvent> {

  public static final String NAME = "reflex.cloudevent";

  public CloudEventCodec() {
    super(NAME);
  }

  @Override
  public void encodeToWire(Buffer buffer, CloudEvent event) {
    EventWire.Writer writer = new EventWire.Writer(1);
    writer.write(event);
    writer.appendTo(buffer);
  }

  @Override
  public CloudEvent decodeFromWire(int pos, Buffer buffer) {
    return new EventWire.Reader(buffer, pos).read();
  }
}
