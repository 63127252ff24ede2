package io.reflex.common.json;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * JSON text written directly, for events and for the small values that frames are stitched from (a
 * subscription name, an event id): encoding through Jackson's databind costs a generator, a
 * serializer provider and their buffers each time, which shows once it is done for every event.
 */
public final class JsonText {

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  /**
   * Each thread's builder for {@link #encode}, reused: a new one per event was half of what
   * encoding allocated. One that grew past {@link #KEPT_CAPACITY} for a large event is let go.
   */
  private static final ThreadLocal<StringBuilder> SCRATCH =
      ThreadLocal.withInitial(() -> new StringBuilder(1024));

  private static final int KEPT_CAPACITY = 64 * 1024;

  private JsonText() {}

  /** The text of an object, exactly as {@link JsonObject#encode()} writes it. */
  public static String encode(JsonObject object) {
    StringBuilder out = SCRATCH.get();
    out.setLength(0);
    String text = append(out, object).toString();
    if (out.capacity() > KEPT_CAPACITY) {
      SCRATCH.remove();
    }
    return text;
  }

  /**
   * Appends {@code value} as JSON, exactly as Vert.x writes it: objects, arrays, strings, integers,
   * finite doubles and booleans directly, anything else (a float, a big decimal, a non-finite
   * double, an {@code Instant}, ...) through Vert.x's codec.
   */
  public static StringBuilder append(StringBuilder out, Object value) {
    if (value instanceof String text) {
      return quote(out, text);
    } else if (value == null) {
      return out.append("null");
    } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
      return out.append(value);
    } else if (value instanceof Double number && Double.isFinite(number)) {
      return out.append(number.doubleValue());
    } else if (value instanceof JsonObject object) {
      return object(out, object.getMap());
    } else if (value instanceof Map<?, ?> map) {
      return object(out, map);
    } else if (value instanceof JsonArray array) {
      return array(out, array.getList());
    } else if (value instanceof List<?> list) {
      return array(out, list);
    }
    return out.append(Json.encode(value));
  }

  private static StringBuilder object(StringBuilder out, Map<?, ?> map) {
    out.append('{');
    boolean first = true;
    for (Map.Entry<?, ?> field : map.entrySet()) {
      if (!first) {
        out.append(',');
      }
      first = false;
      quote(out, String.valueOf(field.getKey()));
      append(out.append(':'), field.getValue());
    }
    return out.append('}');
  }

  private static StringBuilder array(StringBuilder out, List<?> list) {
    out.append('[');
    boolean first = true;
    for (Object item : list) {
      if (!first) {
        out.append(',');
      }
      first = false;
      append(out, item);
    }
    return out.append(']');
  }

  /**
   * Appends {@code text} as a JSON string. The runs between characters that need escaping are
   * copied whole, not a character at a time: most strings have none.
   */
  public static StringBuilder quote(StringBuilder out, String text) {
    out.append('"');
    int copied = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\' || c < 0x20) {
        out.append(text, copied, i);
        escape(out, c);
        copied = i + 1;
      }
    }
    if (copied == 0) {
      out.append(text);
    } else {
      out.append(text, copied, text.length());
    }
    return out.append('"');
  }

  /** {@code text} as a JSON string; one allocation when nothing in it needs escaping. */
  public static String quote(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\' || c < 0x20) {
        return quote(new StringBuilder(text.length() + 8), text).toString();
      }
    }
    return '"' + text + '"';
  }

  private static void escape(StringBuilder out, char c) {
    switch (c) {
      case '"' -> out.append("\\\"");
      case '\\' -> out.append("\\\\");
      case '\n' -> out.append("\\n");
      case '\r' -> out.append("\\r");
      case '\t' -> out.append("\\t");
      case '\b' -> out.append("\\b");
      case '\f' -> out.append("\\f");
      default -> out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
    }
  }
}
