package io.reflex.anomaly.series;

import io.reflex.anomaly.detector.Sensitivity;
import io.reflex.common.event.FieldPath;
import io.reflex.common.pattern.PatternMatcher;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads {@code anomaly.series} from the configuration, refusing it with the group and field named
 * on any error.
 */
public final class SeriesGroups {

  private SeriesGroups() {}

  public static List<SeriesGroup> parse(JsonArray config) {
    if (config == null || config.isEmpty()) {
      throw new IllegalArgumentException(
          "anomaly.series is empty: configure at least one series group");
    }
    List<SeriesGroup> groups = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < config.size(); i++) {
      if (!(config.getValue(i) instanceof JsonObject group)) {
        throw new IllegalArgumentException("anomaly.series[" + i + "] must be a mapping");
      }
      SeriesGroup parsed = parse(group, "anomaly.series[" + i + "]");
      if (!names.add(parsed.name())) {
        throw new IllegalArgumentException(
            "anomaly.series: two groups are named '" + parsed.name() + "'");
      }
      groups.add(parsed);
    }
    return groups;
  }

  private static SeriesGroup parse(JsonObject group, String where) {
    String name = group.getValue("name") instanceof String s && !s.isBlank() ? s : null;
    if (name == null) {
      throw problem(where, "name", "required: a name for the group");
    }
    where = where + " '" + name + "'";
    SeriesGroup.Kind kind =
        switch (String.valueOf(group.getValue("kind", "value"))) {
          case "value" -> SeriesGroup.Kind.VALUE;
          case "rate" -> SeriesGroup.Kind.RATE;
          default -> throw problem(where, "kind", "must be value or rate");
        };
    if (!(group.getValue("match") instanceof JsonObject match) || match.isEmpty()) {
      throw problem(
          where, "match", "required: an EventBridge pattern selecting the group's events");
    }
    String pattern = match.encode();
    String invalid = PatternMatcher.check(pattern);
    if (invalid != null) {
      throw problem(where, "match", invalid);
    }
    List<FieldPath> key = new ArrayList<>();
    if (!(group.getValue("key") instanceof JsonArray keys) || keys.isEmpty()) {
      throw problem(
          where, "key", "required: a list of field paths naming the series, e.g. [subject]");
    }
    for (Object path : keys) {
      key.add(path(where, "key", path));
    }
    FieldPath field = null;
    long bucketMillis = 0;
    if (kind == SeriesGroup.Kind.VALUE) {
      field = path(where, "field", group.getValue("field"));
    } else {
      Object seconds = group.getValue("bucketSeconds");
      if (!(seconds instanceof Number n) || n.doubleValue() <= 0) {
        throw problem(
            where, "bucketSeconds", "required for a rate group: the bucket width in seconds (> 0)");
      }
      bucketMillis = Math.round(n.doubleValue() * 1000);
    }
    Sensitivity sensitivity;
    try {
      sensitivity =
          Sensitivity.valueOf(
              group
                  .getString("sensitivity", "standard")
                  .toUpperCase(Locale.ROOT)
                  .replace('-', '_'));
    } catch (IllegalArgumentException | ClassCastException e) {
      throw problem(
          where, "sensitivity", "must be standard, fewer-false-positives or fewer-misses");
    }
    return new SeriesGroup(name, kind, pattern, List.copyOf(key), field, bucketMillis, sensitivity);
  }

  private static FieldPath path(String where, String field, Object value) {
    if (!(value instanceof String text)) {
      throw problem(where, field, "required: a field path such as data.value");
    }
    try {
      return FieldPath.parse(text);
    } catch (IllegalArgumentException e) {
      throw problem(where, field, e.getMessage());
    }
  }

  private static IllegalArgumentException problem(String where, String field, String reason) {
    return new IllegalArgumentException(where + ", field '" + field + "': " + reason);
  }
}
