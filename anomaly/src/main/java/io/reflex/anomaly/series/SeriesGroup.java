package io.reflex.anomaly.series;

import io.reflex.anomaly.detector.Sensitivity;
import io.reflex.common.event.FieldPath;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A configured family of series: which events feed it (an EventBridge pattern), how an event names
 * its series (key fields), and what a point is: the number in {@code field} ({@link Kind#VALUE},
 * e.g. CPU per host) or the count of events per time bucket ({@link Kind#RATE}, e.g. failed logins
 * per minute per service, how anomalies in event logs are found).
 */
public record SeriesGroup(
    String name,
    Kind kind,
    String pattern,
    List<FieldPath> key,
    FieldPath field,
    long bucketMillis,
    Sensitivity sensitivity) {

  public enum Kind {
    VALUE,
    RATE
  }

  /**
   * The series an event belongs to: its key fields joined with '/', or null when one is missing.
   */
  public String seriesId(JsonObject event) {
    if (key.size() == 1) {
      return text(key.get(0).resolve(event));
    }
    StringBuilder id = new StringBuilder();
    for (FieldPath path : key) {
      String part = text(path.resolve(event));
      if (part == null) {
        return null;
      }
      if (id.length() > 0) {
        id.append('/');
      }
      id.append(part);
    }
    return id.toString();
  }

  private static String text(Object value) {
    if (value instanceof String s) {
      return s.isEmpty() ? null : s;
    }
    return value instanceof Number || value instanceof Boolean ? value.toString() : null;
  }
}
