package io.reflex.anomaly;

import io.reflex.anomaly.series.SeriesGroup;
import io.reflex.anomaly.series.SeriesGroups;
import io.reflex.common.config.ConfigTree;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Every setting of the anomaly service ({@code anomaly.*}), read once at start; the defaults are
 * those of {@code reflex-defaults.yaml}.
 *
 * @param maxSeries series of each kind (value detectors, rate counts) kept in this replica's memory
 * @param snapshotMillis cluster, fast mode: how often changed value series are snapshotted for a
 *     successor
 * @param ownersRefreshMillis how often the anomaly replicas sharing the series are re-read
 */
record AnomalySettings(
    List<SeriesGroup> series,
    int maxSeries,
    long idleSeriesMillis,
    long snapshotMillis,
    long ownersRefreshMillis) {

  /**
   * @param config the anomaly verticle's configuration, possibly partial
   */
  static AnomalySettings from(JsonObject config) {
    ConfigTree anomaly = ConfigTree.of("anomaly", config);
    return new AnomalySettings(
        SeriesGroups.parse(anomaly.list("series")),
        anomaly.integer("maxSeries"),
        anomaly.wholeNumber("idleSeriesMinutes") * 60_000,
        anomaly.wholeNumber("snapshotMillis"),
        anomaly.wholeNumber("ownersRefreshMillis"));
  }
}
