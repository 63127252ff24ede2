package io.reflex.common.config;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The defaults in the jar ({@value #RESOURCE}), the one place a default value is written. Settings
 * records complete the configuration they are given with them, so a test or a caller may pass only
 * the keys it changes.
 */
public final class ConfigDefaults {

  public static final String RESOURCE = "reflex-defaults.yaml";

  private static final JsonObject TREE = YamlDocument.parse(RESOURCE, read());

  private ConfigDefaults() {}

  /** A copy of the whole defaults tree. */
  public static JsonObject tree() {
    return TREE.copy();
  }

  /**
   * @param path dotted path of a subtree of the defaults, e.g. {@code gateway} or {@code
   *     router.log}
   * @param given configuration of that subtree, possibly partial; may be null
   * @return the defaults of the subtree with {@code given} merged over them, key by key
   */
  public static JsonObject complete(String path, JsonObject given) {
    JsonObject node = TREE;
    for (String key : path.split("\\.")) {
      node = node.getJsonObject(key);
      if (node == null) {
        throw new IllegalArgumentException(path + " is no mapping of " + RESOURCE);
      }
    }
    JsonObject completed = node.copy();
    return given == null ? completed : completed.mergeIn(given, true);
  }

  private static String read() {
    try (InputStream in = ConfigDefaults.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
