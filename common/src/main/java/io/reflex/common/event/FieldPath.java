package io.reflex.common.event;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * A compiled path into an event's JSON, such as {@code subject}, {@code data.user} or {@code
 * steps[0].data.amount}: dotted field names, each optionally followed by {@code [n]} array indices.
 * Rules, series keys and templates name event fields this way; a path that leads nowhere resolves
 * to null.
 */
public record FieldPath(String text, List<Object> steps) {

  public static FieldPath parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("a field path must not be empty");
    }
    List<Object> steps = new ArrayList<>();
    for (String part : text.split("\\.", -1)) {
      int bracket = part.indexOf('[');
      String name = bracket < 0 ? part : part.substring(0, bracket);
      if (name.isEmpty()) {
        throw new IllegalArgumentException("empty field name in path '" + text + "'");
      }
      steps.add(name);
      while (bracket >= 0) {
        int close = part.indexOf(']', bracket);
        if (close < 0) {
          throw new IllegalArgumentException("unclosed '[' in path '" + text + "'");
        }
        steps.add(index(text, part.substring(bracket + 1, close)));
        bracket = part.indexOf('[', close);
      }
    }
    return new FieldPath(text, List.copyOf(steps));
  }

  public Object resolve(JsonObject root) {
    Object current = root;
    for (Object step : steps) {
      if (step instanceof String name && current instanceof JsonObject object) {
        current = object.getValue(name);
      } else if (step instanceof Integer index
          && current instanceof JsonArray array
          && index < array.size()) {
        current = array.getValue(index);
      } else {
        return null;
      }
    }
    return current;
  }

  private static int index(String path, String text) {
    try {
      int index = Integer.parseInt(text);
      if (index >= 0) {
        return index;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw new IllegalArgumentException(
        "index '" + text + "' in path '" + path + "' must be a whole number >= 0");
  }
}
