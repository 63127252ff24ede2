package io.reflex.common.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reflex.common.event.CloudEvent;
import io.reflex.common.event.EventBatch;
import io.reflex.common.testing.RandomTrees;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EventWireTest {

  @Test
  @DisplayName(
      "every event reads back exactly as its JSON text parses: same tree, same Java types, same"
          + " text")
  void readsBackAsItsTextParses() {
    Random random = new Random(42);
    List<CloudEvent> events = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      events.add(CloudEvent.wrap(RandomTrees.event(random, i)));
    }
    EventBatch decoded = roundTrip(new EventBatch(events, null));
    for (int i = 0; i < events.size(); i++) {
      CloudEvent original = events.get(i);
      CloudEvent received = decoded.events().get(i);
      JsonObject parsed = new JsonObject(utf8(original.encode()));
      assertSameTree(received.json().getMap(), parsed.getMap(), "event " + i);
      assertThat(received.encode()).as("event %d", i).isEqualTo(utf8(original.encode()));
    }
  }

  @Test
  @DisplayName(
      "an event holding a value its text would change goes as text, and its neighbours not")
  void textOnlyValuesGoAsText() {
    for (Object value : RandomTrees.ODD_VALUES) {
      JsonObject json = RandomTrees.base("a").put("data", new JsonObject().put("v", value));
      EventBatch batch = new EventBatch(List.of(CloudEvent.wrap(json), event("b")));
      Buffer wire = Buffer.buffer();
      new EventBatchCodec().encodeToWire(wire, batch);
      assertThat(wire.toString(StandardCharsets.UTF_8))
          .as("%s", value.getClass())
          .contains(CloudEvent.wrap(json).encode());
      EventBatch decoded = roundTrip(batch);
      CloudEvent received = decoded.events().get(0);
      assertSameTree(
          received.json().getMap(), new JsonObject(utf8(json.encode())).getMap(), "text");
      assertThat(decoded.events().get(1).json()).isEqualTo(event("b").json());
    }
  }

  @Test
  @DisplayName("a batch names each short string once: smaller on the wire than its events' text")
  void sharedStringsMakeBatchesSmall() {
    List<CloudEvent> events = new ArrayList<>();
    int textBytes = 0;
    for (int i = 0; i < 100; i++) {
      CloudEvent event = event("id-" + i);
      events.add(event);
      textBytes += event.encode().getBytes(StandardCharsets.UTF_8).length;
    }
    Buffer buffer = Buffer.buffer();
    new EventBatchCodec().encodeToWire(buffer, new EventBatch(events));
    assertThat(buffer.length()).isLessThan(textBytes / 2);
  }

  @Test
  @DisplayName("a batch sent to several nodes is written once: the same bytes for each of them")
  void batchWrittenOnce() {
    EventBatch batch = new EventBatch(List.of(event("a"), event("b")), new long[] {7, 9});
    EventBatchCodec codec = new EventBatchCodec();
    Buffer first = Buffer.buffer();
    codec.encodeToWire(first, batch);
    Buffer second = Buffer.buffer().appendString("head");
    codec.encodeToWire(second, batch);
    assertThat(second.getBuffer(4, second.length())).isEqualTo(first);
    AtomicInteger writes = new AtomicInteger();
    batch.written(
        unwritten -> {
          writes.incrementAndGet();
          return new byte[0];
        });
    assertThat(writes).hasValue(0);
    EventBatch decoded = codec.decodeFromWire(4, second);
    assertThat(decoded.positions()).containsExactly(7, 9);
    assertThat(decoded.events().get(1).json()).isEqualTo(event("b").json());
  }

  @Test
  @DisplayName("a message that is not in the wire form is refused with where it went wrong")
  void corruptMessageRefused() {
    Buffer buffer = Buffer.buffer();
    new CloudEventCodec().encodeToWire(buffer, event("a"));
    buffer.setByte(0, (byte) '?');
    assertThatThrownBy(() -> new CloudEventCodec().decodeFromWire(0, buffer))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("byte 0");
    Buffer inner = Buffer.buffer();
    new CloudEventCodec().encodeToWire(inner, event("a"));
    inner.setByte(2, (byte) 'Z'); // the first key's tag
    assertThatThrownBy(() -> new CloudEventCodec().decodeFromWire(0, inner))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("unknown tag");
  }

  /** Text as it reads back from UTF-8 bytes, as the wire's text did: a lone surrogate is a '?'. */
  private static String utf8(String text) {
    return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
  }

  private static EventBatch roundTrip(EventBatch batch) {
    EventBatchCodec codec = new EventBatchCodec();
    Buffer buffer = Buffer.buffer().appendString("head");
    codec.encodeToWire(buffer, batch);
    return codec.decodeFromWire(4, buffer);
  }

  private static CloudEvent event(String id) {
    return CloudEvent.wrap(
        RandomTrees.base(id)
            .put("subject", "temperature/" + id)
            .put("data", new JsonObject().put("value", 91.5).put("unit", "C")));
  }

  /** Equal values of the same classes, maps in the same key order. */
  private static void assertSameTree(Object actual, Object expected, String where) {
    if (expected == null) {
      assertThat(actual).as(where).isNull();
      return;
    }
    assertThat(actual).as(where).isNotNull();
    assertThat(actual.getClass()).as(where).isEqualTo(expected.getClass());
    if (expected instanceof Map<?, ?> map) {
      Map<?, ?> other = (Map<?, ?>) actual;
      assertThat(new ArrayList<>(other.keySet()))
          .as(where)
          .isEqualTo(new ArrayList<>(map.keySet()));
      for (Map.Entry<?, ?> field : map.entrySet()) {
        assertSameTree(other.get(field.getKey()), field.getValue(), where + "." + field.getKey());
      }
    } else if (expected instanceof List<?> list) {
      List<?> other = (List<?>) actual;
      assertThat(other).as(where).hasSameSizeAs(list);
      Iterator<?> items = other.iterator();
      int index = 0;
      for (Object item : list) {
        assertSameTree(items.next(), item, where + "[" + index++ + "]");
      }
    } else if (expected instanceof Double number) {
      assertThat(Double.doubleToRawLongBits((Double) actual))
          .as(where)
          .isEqualTo(Double.doubleToRawLongBits(number));
    } else {
      assertThat(actual).as(where).isEqualTo(expected);
    }
  }
}
