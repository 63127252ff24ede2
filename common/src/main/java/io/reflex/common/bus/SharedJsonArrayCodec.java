package io.reflex.common.bus;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;

/**
 * Sends a JSON array that its sender never touches again by reference inside a JVM: Vert.x's own
 * codec deep-copies every array delivered locally, which for ingestion's answer (a result object
 * per event) was a copy of every result on every publish. Across nodes it is the same text as
 * Vert.x's. Chosen per message with {@link Codecs#shared()}.
 */
public final class SharedJsonArrayCodec extends ReferenceCodec<JsonArray> {

  public static final String NAME = "reflex.shared-json-array";

  public SharedJsonArrayCodec() {
    super(NAME);
  }

  @Override
  public void encodeToWire(Buffer buffer, JsonArray array) {
    Buffer text = array.toBuffer();
    buffer.appendInt(text.length()).appendBuffer(text);
  }

  @Override
  public JsonArray decodeFromWire(int pos, Buffer buffer) {
    int length = buffer.getInt(pos);
    return new JsonArray(buffer.slice(pos + 4, pos + 4 + length));
  }
}
