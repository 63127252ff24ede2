package io.reflex.common.bus;

import io.reflex.common.event.CloudEvent;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.json.JsonObject;

/**
 * Sends a {@link CloudEvent} by reference inside a JVM (events are immutable, so no copy is needed) and as its JSON
 * text across nodes. Registered on every node by {@link Codecs}.
 */
public final class CloudEventCodec implements MessageCodec<CloudEvent, CloudEvent> {

  public static final String NAME = "reflex.cloudevent";

  @Override
  public void encodeToWire(Buffer buffer, CloudEvent event) {
    WireText.write(buffer, event.encode());
  }

  @Override
  public CloudEvent decodeFromWire(int pos, Buffer buffer) {
    String text = WireText.read(pos, buffer);
    return CloudEvent.wrap(new JsonObject(text), text);
  }

  @Override
  public CloudEvent transform(CloudEvent event) {
    return event;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}
