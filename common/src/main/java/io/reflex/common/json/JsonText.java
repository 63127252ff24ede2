package io.reflex.common.json;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;

/**
 * JSON text of the small values that frames are stitched from (a subscription name, an event id),
 * written directly: encoding them through Jackson costs a generator and its buffers each time,
 * which shows once it is done for every event.
 */
public final class JsonText {

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private JsonText() {}

  /**
   * Appends {@code value} as JSON: strings quoted and escaped, numbers and booleans as Vert.x
   * writes them.
   */
  public static StringBuilder append(StringBuilder out, Object value) {
    if (value instanceof String text) {
      return quote(out, text);
    } else if (value == null) {
      return out.append("null");
    } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
      return out.append(value);
    } else if (value instanceof JsonObject object) {
      return out.append(object.encode());
    }
    return out.append(Json.encode(value));
  }

  public static StringBuilder quote(StringBuilder out, String text) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        switch (c) {
          case '\n' -> out.append("\\n");
          case '\r' -> out.append("\\r");
          case '\t' -> out.append("\\t");
          case '\b' -> out.append("\\b");
          case '\f' -> out.append("\\f");
          default -> out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
        }
      } else {
        out.append(c);
      }
    }
    return out.append('"');
  }
}
