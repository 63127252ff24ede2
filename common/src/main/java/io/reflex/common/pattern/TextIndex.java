package io.reflex.common.pattern;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The text patterns of one event type, found by the string at their first field: a thousand clients
 * each subscribed to their own subject or causation prefix cost one lookup per event, not a
 * thousand tests. Patterns whose first fields share a path form a group; the event's value there is
 * read once, its exact-value patterns found in a map and its prefix patterns in a {@link
 * PrefixTable}. Each pattern found is then tested whole.
 */
final class TextIndex<K> {

  private final List<Group<K>> groups = new ArrayList<>();

  void add(TextPattern<K> pattern) {
    for (Group<K> group : groups) {
      if (group.field.samePath(pattern.first())) {
        group.add(pattern);
        return;
      }
    }
    Group<K> group = new Group<>(pattern.first());
    group.add(pattern);
    groups.add(group);
  }

  /**
   * Adds the keys of the patterns the event matches to {@code matched}; false when a pattern found
   * cannot be decided without event-ruler (then {@code matched} is incomplete).
   */
  boolean match(Map<String, Object> fields, List<K> matched) {
    for (Group<K> group : groups) {
      Object value = group.field.value(fields);
      if (value == TextPattern.ABSENT || value instanceof Number) {
        continue; // every pattern of the group asks for a string here
      }
      if (!(value instanceof String text)) {
        return false;
      }
      List<TextPattern<K>> found = group.find(text);
      for (int i = 0; i < found.size(); i++) {
        TextPattern<K> pattern = found.get(i);
        if (pattern.first().alternatives() > 1 && found.subList(0, i).contains(pattern)) {
          continue; // found by two of its values
        }
        int answer = pattern.test(fields);
        if (answer == TextPattern.UNSURE) {
          return false;
        }
        if (answer == TextPattern.YES) {
          matched.add(pattern.key());
        }
      }
    }
    return true;
  }

  /** The patterns whose first field is at one path. */
  private static final class Group<K> {

    private final TextPattern.Condition field;
    private final Map<String, List<TextPattern<K>>> byValue = new HashMap<>();
    private final PrefixTable<TextPattern<K>> byPrefix = new PrefixTable<>();

    Group(TextPattern.Condition field) {
      this.field = field;
    }

    void add(TextPattern<K> pattern) {
      for (String value : pattern.first().exact()) {
        byValue.computeIfAbsent(value, v -> new ArrayList<>(1)).add(pattern);
      }
      for (String prefix : pattern.first().prefixes()) {
        byPrefix.add(prefix, pattern);
      }
    }

    /** The patterns whose first condition allows the text, some perhaps twice. */
    List<TextPattern<K>> find(String text) {
      List<TextPattern<K>> exact = byValue.getOrDefault(text, List.of());
      return byPrefix.isEmpty() ? exact : byPrefix.find(text, exact);
    }
  }
}
