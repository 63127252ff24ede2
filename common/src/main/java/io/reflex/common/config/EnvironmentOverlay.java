package io.reflex.common.config;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Applies {@code REFLEX_*} environment variables onto a configuration tree (see {@link
 * ConfigLoader}).
 */
final class EnvironmentOverlay {

  private EnvironmentOverlay() {}

  static JsonObject apply(JsonObject config, Map<String, String> environment) {
    JsonObject result = config.copy();
    for (Map.Entry<String, String> variable : new TreeMap<>(environment).entrySet()) {
      String name = variable.getKey();
      if (!name.startsWith(ConfigLoader.ENV_PREFIX) || name.equals("REFLEX_CONFIG")) {
        continue;
      }
      String[] words = name.substring(ConfigLoader.ENV_PREFIX.length()).toLowerCase().split("_");
      if (!set(result, words, 0, scalar(variable.getValue()))) {
        String closest =
            ClosestName.among(
                KnownKeys.paths(config), name.substring(ConfigLoader.ENV_PREFIX.length()));
        throw new IllegalArgumentException(
            "environment variable "
                + name
                + " names no configuration key; the closest"
                + " is "
                + variable(closest)
                + " ("
                + closest
                + "); docs/configuration.md lists them all");
      }
    }
    return result;
  }

  /**
   * The variable that sets the key at {@code path}, e.g. REFLEX_GATEWAY_HTTP_PORT for
   * gateway.http.port.
   */
  private static String variable(String path) {
    return ConfigLoader.ENV_PREFIX + path.replace('.', '_').toUpperCase(Locale.ROOT);
  }

  /**
   * Walks the tree matching one or more words per level, so keys may themselves hold no underscore.
   */
  private static boolean set(JsonObject node, String[] words, int from, Object value) {
    StringBuilder joined = new StringBuilder();
    for (int to = from; to < words.length; to++) {
      joined.append(words[to]);
      String key = findKey(node, joined.toString());
      if (key != null) {
        Object child = node.getValue(key);
        if (to == words.length - 1 && !(child instanceof JsonObject)) {
          node.put(key, value);
          return true;
        }
        if (child instanceof JsonObject object && set(object, words, to + 1, value)) {
          return true;
        }
      }
    }
    return false;
  }

  private static String findKey(JsonObject node, String lowerCaseName) {
    for (String key : node.fieldNames()) {
      if (key.toLowerCase().equals(lowerCaseName)) {
        return key;
      }
    }
    return null;
  }

  private static Object scalar(String text) {
    try {
      Object value = Json.decodeValue(text);
      if (value instanceof Number || value instanceof Boolean) {
        return value;
      }
    } catch (DecodeException notJson) {
      // plain text stays a string
    }
    return text;
  }
}
