package io.reflex.common.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reflex.common.event.CloudEvent;
import io.reflex.common.event.EventBatch;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EventWireTest {

  private static final String[] STRINGS = {
    "",
    "1.0",
    "reflex.metric",
    "temperature/7",
    "a\"quote",
    "back\\slash",
    "new\nline",
    "tab\t",
    "\u0000nul",
    "héllo",
    "\u2603 snow",
    "\uD83D\uDE00 emoji",
    "x".repeat(64),
    "y".repeat(65),
    "z".repeat(5000)
  };

  private static final Object[] NUMBERS = {
    0,
    -1,
    Integer.MAX_VALUE,
    Integer.MIN_VALUE,
    7L,
    (long) Integer.MAX_VALUE + 1,
    Long.MIN_VALUE,
    0.0,
    -0.0,
    5.0,
    0.1,
    1e300,
    -1e-300,
    Double.MIN_VALUE,
    Double.MAX_VALUE,
    91.5
  };

  /** Values whose JSON text reads back as another type or value: such events go as text. */
  private static final Object[] TEXT_ONLY = {
    1.5f,
    new BigDecimal("1.10"),
    new BigInteger("123456789012345678901234567890"),
    BigInteger.ONE,
    Double.NaN,
    Double.POSITIVE_INFINITY,
    Instant.parse("2026-12-04T10:00:00Z"),
    new byte[] {1, 2, 3},
    (short) 3
  };

  @Test
  @DisplayName(
      "every event reads back exactly as its JSON text parses: same tree, same Java types, same"
          + " text")
  void readsBackAsItsTextParses() {
    Random random = new Random(42);
    List<CloudEvent> events = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      events.add(CloudEvent.wrap(event(random, i)));
    }
    EventBatch decoded = roundTrip(new EventBatch(events, null));
    for (int i = 0; i < events.size(); i++) {
      CloudEvent original = events.get(i);
      CloudEvent received = decoded.events().get(i);
      JsonObject parsed = new JsonObject(original.encode());
      assertSameTree(received.json().getMap(), parsed.getMap(), "event " + i);
      assertThat(received.encode()).as("event %d", i).isEqualTo(original.encode());
    }
  }

  @Test
  @DisplayName(
      "an event holding a value its text would change goes as text, and its neighbours not")
  void textOnlyValuesGoAsText() {
    for (Object value : TEXT_ONLY) {
      JsonObject json = base("a").put("data", new JsonObject().put("v", value));
      assertThat(EventWire.binary(json.getMap())).as("%s", value.getClass()).isFalse();
      EventBatch decoded = roundTrip(new EventBatch(List.of(CloudEvent.wrap(json), event("b"))));
      CloudEvent received = decoded.events().get(0);
      assertSameTree(received.json().getMap(), new JsonObject(json.encode()).getMap(), "text");
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

  private static EventBatch roundTrip(EventBatch batch) {
    EventBatchCodec codec = new EventBatchCodec();
    Buffer buffer = Buffer.buffer().appendString("head");
    codec.encodeToWire(buffer, batch);
    return codec.decodeFromWire(4, buffer);
  }

  private static JsonObject base(String id) {
    return new JsonObject()
        .put("specversion", "1.0")
        .put("id", id)
        .put("source", "/devices")
        .put("type", "reflex.metric");
  }

  private static CloudEvent event(String id) {
    return CloudEvent.wrap(
        base(id)
            .put("subject", "temperature/" + id)
            .put("data", new JsonObject().put("value", 91.5).put("unit", "C")));
  }

  private static JsonObject event(Random random, int i) {
    JsonObject json = base("e" + i);
    json.put("data", object(random, 0));
    if (random.nextInt(10) == 0) {
      json.put("extra", TEXT_ONLY[random.nextInt(TEXT_ONLY.length)]);
    }
    return json;
  }

  private static Object value(Random random, int depth) {
    return switch (random.nextInt(depth < 3 ? 8 : 6)) {
      case 0, 1 -> STRINGS[random.nextInt(STRINGS.length)];
      case 2, 3 -> NUMBERS[random.nextInt(NUMBERS.length)];
      case 4 -> random.nextBoolean();
      case 5 -> null;
      case 6 ->
          random.nextBoolean() ? object(random, depth + 1) : object(random, depth + 1).getMap();
      default -> {
        JsonArray array = new JsonArray();
        for (int n = random.nextInt(4); n > 0; n--) {
          array.add(value(random, depth + 1));
        }
        yield random.nextBoolean() ? array : array.getList();
      }
    };
  }

  private static JsonObject object(Random random, int depth) {
    JsonObject object = new JsonObject();
    for (int n = random.nextInt(5); n > 0; n--) {
      object.put(STRINGS[random.nextInt(STRINGS.length)] + n, value(random, depth));
    }
    return object;
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
