package io.reflex.anomaly.nab;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a NAB corpus into cross-validation folds by kind of series: one fold per category, so a
 * held-out fold holds series of a kind the training part never saw. The two artificial categories
 * form one fold (synthetic waves, and the no-anomaly half has no window to score on its own).
 * Related series (a traffic sensor's occupancy and speed, an ad exchange's CPC and CPM) are always
 * in the same fold; {@link #relatedKey} names what ties them.
 */
public final class SeriesFolds {
  private static final Pattern SENSOR = Pattern.compile("^[A-Za-z]+_(\\d+)\\.csv$");
  private static final Pattern EXCHANGE = Pattern.compile("^(exchange-\\d+)_.*$");

  private SeriesFolds() {}

  /** The fold of a series named {@code <category>/<file>.csv}. */
  public static String foldOf(String seriesName) {
    String category = seriesName.substring(0, seriesName.indexOf('/'));
    return category.startsWith("artificial") ? "artificial" : category;
  }

  /** What ties related series together: the sensor id, the exchange, else the file itself. */
  public static String relatedKey(String seriesName) {
    String file = seriesName.substring(seriesName.indexOf('/') + 1);
    Matcher sensor = SENSOR.matcher(file);
    if (sensor.matches()) {
      return "sensor " + sensor.group(1);
    }
    Matcher exchange = EXCHANGE.matcher(file);
    return exchange.matches() ? exchange.group(1) : file;
  }

  /**
   * Series names by fold, folds sorted by name.
   *
   * @throws IllegalStateException if related series would be split over two folds
   */
  public static Map<String, List<String>> folds(List<String> seriesNames) {
    Map<String, List<String>> out = new TreeMap<>();
    Map<String, String> foldOfRelated = new TreeMap<>();
    for (String name : seriesNames) {
      String fold = foldOf(name);
      String earlier = foldOfRelated.putIfAbsent(relatedKey(name), fold);
      if (earlier != null && !earlier.equals(fold)) {
        throw new IllegalStateException(
            "related series " + relatedKey(name) + " split over folds " + earlier + " and " + fold);
      }
      out.computeIfAbsent(fold, f -> new ArrayList<>()).add(name);
    }
    return out;
  }
}
