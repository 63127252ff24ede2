package io.reflex.common.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The field paths a set of event patterns reads, as a tree of field names: {@code
 * {"type":[...],"data":{"value":[...]}}} reads {@code type} and {@code data.value}. An event's
 * fields outside these paths cannot change what the patterns match, so {@link JsonTrees#of(Map,
 * FieldPaths)} leaves them out of the tree the matcher walks.
 */
public final class FieldPaths {

  private final Map<String, FieldPaths> children = new HashMap<>();

  /** Whether a pattern tests the value here (and so needs all of it, whatever its shape). */
  private boolean read;

  /** Adds the paths of one pattern in the event-ruler language (a JSON object). */
  public void add(JsonNode pattern) {
    Iterator<Map.Entry<String, JsonNode>> fields = pattern.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String name = field.getKey();
      JsonNode value = field.getValue();
      if (name.equals("$or") && isAlternatives(value)) {
        // Each alternative reads fields at this level. A "$or" that is not a list of objects is
        // a plain field of that name (event-ruler's reading); it falls through below.
        for (JsonNode alternative : value) {
          add(alternative);
        }
      } else if (value.isObject()) {
        at(name).add(value);
      } else {
        at(name).read = true;
      }
    }
  }

  private static boolean isAlternatives(JsonNode value) {
    if (!value.isArray() || value.size() < 2) {
      return false;
    }
    for (JsonNode alternative : value) {
      if (!alternative.isObject()) {
        return false;
      }
    }
    return true;
  }

  /** The node of a pattern's field, by its segments: event-ruler reads "a.b" as a then b. */
  private FieldPaths at(String name) {
    FieldPaths node = this;
    for (String segment : name.split("\\.", -1)) {
      node = node.children.computeIfAbsent(segment, s -> new FieldPaths());
    }
    return node;
  }

  /** The paths below the field {@code name}, or null when no pattern reads it. */
  FieldPaths below(String name) {
    return children.get(name);
  }

  /** Whether some pattern tests this field's value itself, not only fields inside it. */
  boolean isRead() {
    return read;
  }
}
