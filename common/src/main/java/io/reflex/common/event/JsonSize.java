package io.reflex.common.event;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * An upper bound of the UTF-8 size of a JSON value's text, found without writing the text: a
 * character takes at most 6 bytes (an escape such as {@code \u0001}), a number at most 32
 * characters as Vert.x writes it. Validation needs the exact size only for the rare event this
 * bound does not already place under the limit.
 */
final class JsonSize {

  private static final int NUMBER = 32;

  private JsonSize() {}

  static long atMost(Object value) {
    if (value instanceof String text) {
      return 2 + 6L * text.length();
    } else if (value instanceof JsonObject object) {
      return atMost(object.getMap());
    } else if (value instanceof Map<?, ?> map) {
      // The map itself, not the JsonObject's iterator: that wraps every field and nested value.
      long size = 2;
      for (Map.Entry<?, ?> field : map.entrySet()) {
        size += atMost(String.valueOf(field.getKey())) + 2 + atMost(field.getValue());
      }
      return size;
    } else if (value instanceof JsonArray array) {
      return atMost(array.getList());
    } else if (value instanceof List<?> list) {
      long size = 2;
      for (Object element : list) {
        size += atMost(element) + 1;
      }
      return size;
    } else if (value == null
        || value instanceof Boolean
        || value instanceof Integer
        || value instanceof Long
        || value instanceof Double
        || value instanceof Float) {
      return NUMBER;
    } else if (value instanceof Number big) {
      return big.toString().length(); // BigInteger, BigDecimal: as long as their digits
    }
    return Long.MAX_VALUE / 4; // anything else (bytes, instants): measure it exactly
  }
}
