package io.reflex.common.testing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Random;

/**
 * Events with random data trees for the tests of what writes and reads events: every kind of value
 * a parsed event holds (strings that need escaping, non-ASCII and long strings, integers and
 * doubles at their edges, nested objects and arrays as Vert.x types or plain maps and lists), and
 * now and then one of the {@link #ODD_VALUES} a {@code JsonObject} may also carry.
 */
public final class RandomTrees {

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
    "\u007fdel",
    "héllo",
    "\u2603 snow",
    "\uD83D\uDE00 emoji",
    "lone \uD83D",
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
    91.5,
    1e7,
    1.0e-3
  };

  /** Values whose JSON text reads back as another type or value. */
  public static final Object[] ODD_VALUES = {
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

  private RandomTrees() {}

  /** The attributes every event has. */
  public static JsonObject base(String id) {
    return new JsonObject()
        .put("specversion", "1.0")
        .put("id", id)
        .put("source", "/devices")
        .put("type", "reflex.metric");
  }

  public static JsonObject event(Random random, int i) {
    JsonObject json = base("e" + i);
    json.put("data", object(random, 0));
    if (random.nextInt(10) == 0) {
      json.put("extra", ODD_VALUES[random.nextInt(ODD_VALUES.length)]);
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
}
