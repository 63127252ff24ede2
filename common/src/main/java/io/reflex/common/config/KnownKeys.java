package io.reflex.common.config;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The keys the defaults define. A configuration file may set only those, so a misspelt key is
 * reported (with the known key nearest to it) instead of silently doing nothing. A mapping that is
 * empty in the defaults ({@code kafka.properties}) takes any key; list items are checked by the
 * service that reads them.
 */
final class KnownKeys {

  private KnownKeys() {}

  /** Dotted paths of every value (scalar, list or open mapping) of {@code tree}. */
  static List<String> paths(JsonObject tree) {
    List<String> paths = new ArrayList<>();
    collect(tree, "", paths);
    return paths;
  }

  /**
   * @param origin names the checked document in errors (a file path)
   * @throws IllegalArgumentException naming the first key of {@code given} that {@code defaults} do
   *     not have
   */
  static void check(String origin, JsonObject given, JsonObject defaults) {
    check(origin, given, defaults, "", defaults);
  }

  private static void check(
      String origin, JsonObject given, JsonObject known, String prefix, JsonObject defaults) {
    for (String key : given.fieldNames()) {
      String path = prefix + key;
      if (!known.containsKey(key)) {
        throw new IllegalArgumentException(
            origin
                + ": unknown configuration key "
                + path
                + "; the closest known key is "
                + ClosestName.among(paths(defaults), path)
                + " (docs/configuration.md lists them all)");
      }
      if (known.getValue(key) instanceof JsonObject mapping && !mapping.isEmpty()) {
        if (!(given.getValue(key) instanceof JsonObject child)) {
          throw new IllegalArgumentException(
              origin
                  + ": "
                  + path
                  + " must be a mapping of keys such as "
                  + String.join(", ", mapping.fieldNames())
                  + ", not "
                  + given.getValue(key));
        }
        check(origin, child, mapping, path + ".", defaults);
      }
    }
  }

  private static void collect(JsonObject node, String prefix, List<String> paths) {
    for (String key : node.fieldNames()) {
      if (node.getValue(key) instanceof JsonObject child && !child.isEmpty()) {
        collect(child, prefix + key + ".", paths);
      } else {
        paths.add(prefix + key);
      }
    }
  }
}
