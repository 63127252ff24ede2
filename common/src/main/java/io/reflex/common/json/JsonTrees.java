package io.reflex.common.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Vert.x JSON as a Jackson tree, built from the parsed values without writing and re-reading text:
 * pattern matching reads events in this form (a conversion costs less than the encode and parse it
 * replaces). Only the fields some pattern reads are copied ({@link FieldPaths}): matching costs
 * follow the size of the tree it walks, and most of an event's fields are read by no pattern.
 * Values read the same as in the text {@link JsonObject#encode} writes, so a pattern matches the
 * tree exactly when it matches that text.
 */
public final class JsonTrees {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private JsonTrees() {}

  /** The fields of {@code json} on the given paths, with everything below a field that is read. */
  public static ObjectNode of(JsonObject json, FieldPaths paths) {
    return object(json.getMap(), paths);
  }

  private static ObjectNode object(Map<String, Object> fields, FieldPaths paths) {
    ObjectNode node = NODES.objectNode();
    for (Map.Entry<String, Object> field : fields.entrySet()) {
      String name = field.getKey();
      FieldPaths below = paths.below(name);
      if (below != null) {
        node.set(name, below.isRead() ? value(field.getValue()) : pruned(field.getValue(), below));
      } else if (name.indexOf('.') >= 0) {
        // event-ruler reads the key "a.b" as the path a.b: kept whole rather than second-guessed.
        node.set(name, value(field.getValue()));
      }
    }
    return node;
  }

  /** A value only some fields of which are read: objects pruned, arrays element by element. */
  private static JsonNode pruned(Object value, FieldPaths paths) {
    if (value instanceof JsonObject object) {
      return object(object.getMap(), paths);
    } else if (value instanceof Map<?, ?> map) {
      return object(fields(map), paths);
    } else if (value instanceof JsonArray array) {
      return prunedArray(array.getList(), paths);
    } else if (value instanceof List<?> list) {
      return prunedArray(list, paths);
    }
    return value(value);
  }

  private static ArrayNode prunedArray(List<?> elements, FieldPaths paths) {
    ArrayNode node = NODES.arrayNode(elements.size());
    for (Object element : elements) {
      node.add(pruned(element, paths));
    }
    return node;
  }

  private static ObjectNode copy(Map<String, Object> fields) {
    ObjectNode node = NODES.objectNode();
    for (Map.Entry<String, Object> field : fields.entrySet()) {
      node.set(field.getKey(), value(field.getValue()));
    }
    return node;
  }

  private static ArrayNode array(List<?> elements) {
    ArrayNode node = NODES.arrayNode(elements.size());
    for (Object element : elements) {
      node.add(value(element));
    }
    return node;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> fields(Map<?, ?> map) {
    return (Map<String, Object>) map; // JSON objects have string keys
  }

  private static JsonNode value(Object value) {
    if (value instanceof String s) {
      return NODES.textNode(s);
    } else if (value instanceof JsonObject object) {
      return copy(object.getMap());
    } else if (value instanceof Map<?, ?> map) {
      return copy(fields(map));
    } else if (value instanceof JsonArray array) {
      return array(array.getList());
    } else if (value instanceof List<?> list) {
      return array(list);
    } else if (value instanceof Integer i) {
      return NODES.numberNode(i);
    } else if (value instanceof Long l) {
      return NODES.numberNode(l);
    } else if (value instanceof Double d) {
      return NODES.numberNode(d);
    } else if (value instanceof BigInteger b) {
      return NODES.numberNode(b);
    } else if (value instanceof BigDecimal b) {
      return NODES.numberNode(b);
    } else if (value instanceof Boolean b) {
      return NODES.booleanNode(b);
    } else if (value == null) {
      return NODES.nullNode();
    }
    // Rarer types (byte[], Instant, other numbers) exactly as Vert.x encodes them.
    try {
      return MAPPER.readTree(new JsonArray().add(value).encode()).get(0);
    } catch (Exception e) {
      throw new IllegalArgumentException("not JSON: " + value.getClass().getName(), e);
    }
  }
}
