package io.reflex.router.sequence;

import io.vertx.core.json.JsonObject;
import java.io.Serializable;
import java.util.List;

/**
 * A dotted field path ({@code subject}, {@code data.user}) that a sequence reads from its events,
 * split into names once when its rule loads rather than for every event.
 */
public final class KeyPath implements Serializable {

  private final String text;
  private final List<String> names;

  private KeyPath(String text) {
    this.text = text;
    this.names = List.of(text.split("\\."));
  }

  public static KeyPath parse(String text) {
    return new KeyPath(text);
  }

  /** The path as written in the rule. */
  public String text() {
    return text;
  }

  public List<String> names() {
    return names;
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
  public boolean equals(Object other) {
    return other instanceof KeyPath path && path.text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  @Override
  public String toString() {
    return text;
  }
}
