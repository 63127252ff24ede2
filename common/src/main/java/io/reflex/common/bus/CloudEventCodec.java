package io.reflex.common.bus;

import io.reflex.common.event.CloudEvent;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

/**
 * Sends a {@link CloudEvent} by reference inside a JVM (events are immutable, so no copy is needed)
 * and as its JSON text across nodes. Registered on every node by {@link Codecs}.
 */
public final class CloudEventCodec extends ReferenceCodec<CloudEvent> {

  public static final String NAME = "reflex.cloudevent";

  public CloudEventCodec() {
    super(NAME);
  }

  @Override
  public void encodeToWire(Buffer buffer, CloudEvent event) {
    WireText.write(buffer, event.encode());
  }

  @Override
  public CloudEvent decodeFromWire(int pos, Buffer buffer) {
    String text = WireText.read(pos, buffer);
    return CloudEvent.wrap(new JsonObject(text), text);
  }
}
