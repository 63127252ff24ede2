package io.reflex.common.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A subtree of the configuration completed with its defaults from the jar, read with types.
 * Settings records are built from it, so no Java code repeats a default; a value of the wrong type
 * is refused with its full key.
 */
public final class ConfigTree {

  private final String path;
  private final JsonObject json;

  private ConfigTree(String path, JsonObject json) {
    this.path = path;
    this.json = json;
  }

  /**
   * @param path dotted path of the subtree in {@code reflex-defaults.yaml}, e.g. {@code gateway} or
   *     {@code kafka}
   * @param given the configuration of that subtree, possibly partial (tests set only what they
   *     change); may be null
   */
  public static ConfigTree of(String path, JsonObject given) {
    return new ConfigTree(path, ConfigDefaults.complete(path, given));
  }

  /**
   * The whole configuration (already complete: the launcher's), for the launcher's own top-level
   * keys.
   */
  public static ConfigTree root(JsonObject config) {
    return new ConfigTree("", ConfigDefaults.tree().mergeIn(config, true));
  }

  /** The mapping under {@code key}, e.g. {@code at("http")} of {@code gateway}. */
  public ConfigTree at(String key) {
    return new ConfigTree(name(key), value(key, JsonObject.class, "a mapping"));
  }

  /**
   * A string; a number or boolean counts as its text, since an environment variable such as 123
   * reads as a number.
   */
  public String text(String key) {
    Object value = json.getValue(key);
    return value instanceof Number || value instanceof Boolean
        ? String.valueOf(value)
        : value(key, String.class, "a string");
  }

  public boolean flag(String key) {
    return value(key, Boolean.class, "true or false");
  }

  public int integer(String key) {
    long value = wholeNumber(key);
    if (value != (int) value) {
      throw new IllegalArgumentException(name(key) + " is too large: " + value);
    }
    return (int) value;
  }

  public long wholeNumber(String key) {
    Number number = value(key, Number.class, "a whole number");
    if (number.doubleValue() != Math.rint(number.doubleValue())) {
      throw new IllegalArgumentException(name(key) + " must be a whole number, not " + number);
    }
    return number.longValue();
  }

  public double decimal(String key) {
    return value(key, Number.class, "a number").doubleValue();
  }

  public JsonArray list(String key) {
    return value(key, JsonArray.class, "a list");
  }

  /**
   * The subtree as JSON (a copy), for parts read by their own parser (lists of mappings,
   * pass-through maps).
   */
  public JsonObject json() {
    return json.copy();
  }

  /** The full dotted key, for error messages. */
  public String name(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private <T> T value(String key, Class<T> type, String expected) {
    Object value = json.getValue(key);
    if (!type.isInstance(value)) {
      throw new IllegalArgumentException(
          name(key)
              + " must be "
              + expected
              + ", not "
              + (value == null ? "empty" : "\"" + value + "\""));
    }
    return type.cast(value);
  }
}
