package io.reflex.router.sequence;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A dotted field path ({@code subject}, {@code data.user}) that a sequence reads from its events,
 * split into names once when its rule loads rather than for every event.
 */
public record KeyPath(String text, List<String> names) {

  public KeyPath {
    names = List.copyOf(names);
  }

  public static KeyPath parse(String text) {
    return new KeyPath(text, List.of(text.split("\\.")));
  }

  /** The value at the path, or null when a level is missing or not an object. */
  public Object resolve(JsonObject event) {
    Object current = event;
    for (int i = 0; i < names.size(); i++) {
      if (!(current instanceof JsonObject object)) {
        return null;
      }
      current = object.getValue(names.get(i));
    }
    return current;
  }

  /**
   * The key of an event: the value at the path if it is a string or a number, else null (the event
   * has no key).
   */
  public String key(JsonObject event) {
    Object value = resolve(event);
    return value instanceof String || value instanceof Number ? value.toString() : null;
  }

  @Override
  public String toString() {
    return text;
  }
}
