package io.reflex.router.sequence;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Reads a dotted field path ({@code subject}, {@code data.user}) from an event. */
public final class KeyPath {

  /**
   * Each path's names, split once: splitting allocated a list, an array and a string per name for
   * every event a sequence rule saw. Paths come from the rules, so there are few.
   */
  private static final Map<String, String[]> NAMES = new ConcurrentHashMap<>();

  private KeyPath() {}

  /** The value at the path, or null when a level is missing or not an object. */
  public static Object resolve(JsonObject event, String path) {
    Object current = event;
    for (String name : NAMES.computeIfAbsent(path, p -> p.split("\\."))) {
      if (!(current instanceof JsonObject object)) {
        return null;
      }
      current = object.getValue(name);
    }
    return current;
  }

  /**
   * The key of an event: the value at the path if it is a string or a number, else null (the event
   * has no key).
   */
  public static String key(JsonObject event, String path) {
    Object value = resolve(event, path);
    return value instanceof String || value instanceof Number ? value.toString() : null;
  }
}
