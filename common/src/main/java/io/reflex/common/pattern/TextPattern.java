package io.reflex.common.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A pattern that asks, besides its types, only for exact strings, string prefixes and numeric
 * ranges, with at least one field asking for strings only: a client's subscription {@code
 * {"type":["iot.overheating"],"subject":[{"prefix":"plant-3/"}]}}, or the rule {@code
 * {"type":["reflex.metric"],"subject":[{"prefix":"temperature/"}],"data":{"value":[{"numeric":
 * [">",90]}]}}}. Tested against an event's fields directly, it allocates nothing, where event-ruler
 * builds its own view of every event (about 3 KB).
 *
 * <p>The test answers exactly as event-ruler would while each field it reads is absent or holds a
 * string, an integer of at most 53 bits or a finite double, reached through objects only
 * (event-ruler compares such numbers as doubles: {@link NumericRange}). Anything else (an array on
 * the way, which event-ruler reads element by element; a larger number, a boolean or null; a key
 * with a dot that event-ruler reads as the same path) leaves the answer to event-ruler: {@link
 * #UNSURE}.
 */
final class TextPattern<K> {

  static final int NO = 0;
  static final int YES = 1;
  static final int UNSURE = 2;

  /** What {@link Condition#value} finds where a field is missing. */
  static final Object ABSENT = new Object();

  /** What {@link Condition#value} finds where only event-ruler can say what the field holds. */
  static final Object UNCLEAR = new Object();

  private final K key;
  private final List<Condition> conditions;

  private TextPattern(K key, List<Condition> conditions) {
    this.key = key;
    this.conditions = conditions;
  }

  K key() {
    return key;
  }

  /** The condition a {@link TextIndex} finds the pattern by. */
  Condition first() {
    return conditions.get(0);
  }

  /**
   * The pattern's conditions other than its types, or null when it asks for anything but exact
   * strings and non-empty prefixes, or for nothing but its types.
   */
  static <K> TextPattern<K> of(K key, JsonNode pattern) {
    List<Condition> conditions = new ArrayList<>();
    if (!collect(pattern, new ArrayList<>(), conditions) || conditions.isEmpty()) {
      return null;
    }
    Set<List<String>> paths = new HashSet<>();
    for (Condition condition : conditions) {
      if (!paths.add(List.of(condition.path))) {
        return null; // a path named twice ("a.b" and a then b): event-ruler's to reconcile
      }
    }
    // The index finds a pattern by a string it allows, so one condition must allow strings only.
    Condition first =
        conditions.stream().filter(c -> c.ranges.length == 0).findFirst().orElse(null);
    if (first == null) {
      return null;
    }
    conditions.remove(first);
    conditions.add(0, first);
    return new TextPattern<>(key, List.copyOf(conditions));
  }

  private static boolean collect(JsonNode pattern, List<String> above, List<Condition> into) {
    if (!pattern.isObject() || pattern.isEmpty()) {
      return false;
    }
    Iterator<Map.Entry<String, JsonNode>> fields = pattern.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String name = field.getKey();
      if (name.isEmpty() || name.startsWith("$")) {
        return false;
      }
      List<String> path = new ArrayList<>(above);
      for (String segment : name.split("\\.", -1)) {
        if (segment.isEmpty()) {
          return false;
        }
        path.add(segment);
      }
      JsonNode value = field.getValue();
      if (value.isObject()) {
        if (!collect(value, path, into)) {
          return false;
        }
      } else if (path.size() == 1 && path.get(0).equals("type")) {
        continue; // the matcher finds the pattern by its types
      } else {
        Condition condition = Condition.of(path, value);
        if (condition == null) {
          return false;
        }
        into.add(condition);
      }
    }
    return true;
  }

  /** {@link #YES}, {@link #NO} or {@link #UNSURE} for this event. */
  int test(Map<String, Object> fields) {
    int answer = YES;
    for (Condition condition : conditions) {
      int one = condition.test(fields);
      if (one == NO) {
        return NO; // whatever the others say
      }
      if (one == UNSURE) {
        answer = UNSURE;
      }
    }
    return answer;
  }

  /** One field's allowed strings and prefixes. */
  static final class Condition {

    private final String[] path;

    /**
     * For each segment, the keys joining it with those after it ({@code "a.b"} for a then b):
     * event-ruler reads such a key as the same path, so an event that has one is left to it.
     */
    private final String[][] joined;

    private final String[] exact;
    private final String[] prefixes;
    private final NumericRange[] ranges;

    private Condition(String[] path, String[] exact, String[] prefixes, NumericRange[] ranges) {
      this.path = path;
      this.exact = exact;
      this.prefixes = prefixes;
      this.ranges = ranges;
      joined = new String[path.length][];
      for (int i = 0; i < path.length; i++) {
        joined[i] = new String[path.length - 1 - i];
        StringBuilder key = new StringBuilder(path[i]);
        for (int j = i + 1; j < path.length; j++) {
          key.append('.').append(path[j]);
          joined[i][j - i - 1] = key.toString();
        }
      }
    }

    static Condition of(List<String> path, JsonNode allowed) {
      if (!allowed.isArray() || allowed.isEmpty()) {
        return null;
      }
      List<String> exact = new ArrayList<>();
      List<String> prefixes = new ArrayList<>();
      List<NumericRange> ranges = new ArrayList<>();
      for (JsonNode value : allowed) {
        if (value.isTextual()) {
          exact.add(value.textValue());
        } else if (value.isObject() && value.size() == 1 && value.path("prefix").isTextual()) {
          String prefix = value.get("prefix").textValue();
          if (prefix.isEmpty()) {
            return null;
          }
          prefixes.add(prefix);
        } else if (value.isObject() && value.size() == 1 && value.has("numeric")) {
          NumericRange range = NumericRange.of(value.get("numeric"));
          if (range == null) {
            return null;
          }
          ranges.add(range);
        } else {
          return null;
        }
      }
      return new Condition(
          path.toArray(String[]::new),
          exact.toArray(String[]::new),
          prefixes.toArray(String[]::new),
          ranges.toArray(NumericRange[]::new));
    }

    /**
     * The string or number at this path, {@link #ABSENT}, or {@link #UNCLEAR} (see the class
     * comment).
     */
    Object value(Map<String, Object> fields) {
      Map<String, Object> level = fields;
      for (int i = 0; ; i++) {
        for (String key : joined[i]) {
          if (level.containsKey(key)) {
            return UNCLEAR;
          }
        }
        Object value = level.get(path[i]);
        if (value == null) {
          return level.containsKey(path[i]) ? UNCLEAR : ABSENT;
        }
        if (i == path.length - 1) {
          return value instanceof String || NumericRange.isExact(value) ? value : UNCLEAR;
        }
        if (value instanceof JsonObject object) {
          level = object.getMap();
        } else if (value instanceof Map<?, ?> map) {
          level = fields(map);
        } else {
          return UNCLEAR;
        }
      }
    }

    int test(Map<String, Object> fields) {
      Object value = value(fields);
      if (value == ABSENT) {
        return NO;
      }
      if (value instanceof String text) {
        return allows(text);
      }
      return value instanceof Number number ? allows(number.doubleValue()) : UNSURE;
    }

    boolean samePath(Condition other) {
      return Arrays.equals(path, other.path);
    }

    String[] exact() {
      return exact;
    }

    int alternatives() {
      return exact.length + prefixes.length;
    }

    String[] prefixes() {
      return prefixes;
    }

    private int allows(double number) {
      for (NumericRange range : ranges) {
        if (range.contains(number)) {
          return YES;
        }
      }
      return NO;
    }

    private int allows(String text) {
      for (String value : exact) {
        if (value.equals(text)) {
          return YES;
        }
      }
      for (String prefix : prefixes) {
        if (text.startsWith(prefix)) {
          return YES;
        }
      }
      return NO;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> fields(Map<?, ?> map) {
      return (Map<String, Object>) map; // JSON objects have string keys
    }
  }
}
