package io.reflex.common.bus;

import static org.assertj.core.api.Assertions.assertThat;

import io.reflex.common.event.CloudEvent;
import io.reflex.common.event.EventBatch;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CodecsTest {

  private static CloudEvent event(String id) {
    return CloudEvent.wrap(
        new JsonObject()
            .put("specversion", "1.0")
            .put("id", id)
            .put("source", "s")
            .put("type", "t")
            .put("data", new JsonObject().put("text", "héllo \u2603").put("n", 1.5)));
  }

  @Test
  @DisplayName("an event crosses the wire unchanged, including non-ASCII text, behind other bytes")
  void cloudEventRoundTrip() {
    CloudEventCodec codec = new CloudEventCodec();
    Buffer buffer = Buffer.buffer().appendString("prefix");
    codec.encodeToWire(buffer, event("a"));
    CloudEvent decoded = codec.decodeFromWire(6, buffer);
    assertThat(decoded.json()).isEqualTo(event("a").json());
  }

  @Test
  @DisplayName("a batch crosses the wire in order; locally it is passed by reference")
  void batchRoundTrip() {
    EventBatchCodec codec = new EventBatchCodec();
    EventBatch batch = new EventBatch(List.of(event("a"), event("b"), event("c")));
    Buffer buffer = Buffer.buffer();
    codec.encodeToWire(buffer, batch);
    EventBatch decoded = codec.decodeFromWire(0, buffer);
    assertThat(decoded.events()).extracting(CloudEvent::id).containsExactly("a", "b", "c");
    assertThat(decoded.events().get(1).json()).isEqualTo(event("b").json());
    assertThat(codec.transform(batch)).isSameAs(batch);
  }

  @Test
  @DisplayName("a shared JSON array crosses the wire behind other bytes; locally it is not copied")
  void sharedArrayRoundTrip() {
    SharedJsonArrayCodec codec = new SharedJsonArrayCodec();
    JsonArray results =
        new JsonArray()
            .add(new JsonObject().put("id", "a").put("status", "accepted"))
            .add(new JsonObject().put("id", "b\u2603").put("status", "duplicate"));
    Buffer buffer = Buffer.buffer().appendString("prefix");
    codec.encodeToWire(buffer, results);
    buffer.appendString("suffix");
    assertThat(codec.decodeFromWire(6, buffer)).isEqualTo(results);
    assertThat(codec.transform(results)).isSameAs(results);
  }
}
