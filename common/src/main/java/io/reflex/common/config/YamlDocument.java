package io.reflex.common.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * A YAML document read as Vert.x JSON: the configuration and the rules files. Read with SnakeYAML's
 * safe constructor (plain maps, lists and scalars, never arbitrary classes), keys as text,
 * timestamps as instants.
 */
public final class YamlDocument {

  private YamlDocument() {}

  /**
   * @param origin names the document in errors (a file path)
   * @throws IllegalArgumentException when the text is not YAML or not a mapping at its top
   */
  public static JsonObject parse(String origin, String yaml) {
    Object document;
    try {
      document = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(origin + " is not valid YAML: " + e.getMessage(), e);
    }
    if (document == null) {
      return new JsonObject();
    }
    if (!(document instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException(origin + " must be a YAML mapping at its top level");
    }
    return object(map);
  }

  private static JsonObject object(Map<?, ?> map) {
    JsonObject json = new JsonObject();
    map.forEach((key, value) -> json.put(String.valueOf(key), value(value)));
    return json;
  }

  private static Object value(Object value) {
    if (value instanceof Map<?, ?> map) {
      return object(map);
    } else if (value instanceof List<?> list) {
      JsonArray array = new JsonArray();
      list.forEach(element -> array.add(value(element)));
      return array;
    } else if (value instanceof Date date) {
      return date.toInstant();
    }
    return value;
  }
}
