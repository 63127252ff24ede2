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
import java.util.Map;

/**
 * Vert.x JSON as a Jackson tree, built from the parsed values without writing and re-reading text:
 * pattern matching reads events in this form (a conversion costs less than the encode and parse it
 * replaces, and the tree is built once per event, however many matchers read it). Values read the
 * same as in the text {@link JsonObject#encode} writes, so a pattern matches the tree exactly when
 * it matches that text.
 */
public final class JsonTrees {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private JsonTrees() {}

  public static ObjectNode of(JsonObject json) {
    ObjectNode node = NODES.objectNode();
    for (Map.Entry<String, Object> field : json) {
      node.set(field.getKey(), value(field.getValue()));
    }
    return node;
  }

  private static JsonNode value(Object value) {
    if (value instanceof String s) {
      return NODES.textNode(s);
    } else if (value instanceof JsonObject object) {
      return of(object);
    } else if (value instanceof JsonArray array) {
      ArrayNode node = NODES.arrayNode(array.size());
      for (Object element : array) {
        node.add(value(element));
      }
      return node;
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
