package io.reflex.anomaly;

import io.reflex.anomaly.detector.Detector;
import io.reflex.anomaly.detector.Detectors;
import io.reflex.anomaly.series.RateBucketer;
import io.reflex.anomaly.series.SeriesGroup;
import io.reflex.common.event.CloudEvent;
import io.reflex.common.state.AppliedPositions;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.function.Consumer;

/**
 * What this replica counts for each rate series (value series keep their detectors in the
 * keyed-state store), bounded: the least recently fed series is forgotten beyond {@code maxSeries},
 * and a series quiet (in event time) for longer than the idle limit expires.
 */
final class SeriesStates {

  /** One series: its detector and, for a rate series, the bucket being counted. */
  static final class Series {
    final SeriesGroup group;
    final String id;
    final Detector detector;
    final RateBucketer bucketer;

    /** The latest event counted, which becomes the cause of the point its bucket produces. */
    CloudEvent lastEvent;

    long lastSeen = Long.MIN_VALUE;

    /**
     * Wall-clock time (ms) the latest event arrived, for closing buckets of a series that went
     * quiet.
     */
    long lastArrival;

    /** Log positions counted already, so that a retried delivery is not counted twice. */
    final AppliedPositions applied = AppliedPositions.none();

    Series(SeriesGroup group, String id) {
      this.group = group;
      this.id = id;
      boolean rate = group.kind() == SeriesGroup.Kind.RATE;
      this.detector =
          rate
              ? Detectors.createForRate(group.sensitivity())
              : Detectors.create(group.sensitivity());
      this.bucketer = rate ? new RateBucketer(group.bucketMillis(), MAX_EMPTY_BUCKETS) : null;
    }
  }

  /** A long silence in a rate series is fed to the detector as at most this many empty buckets. */
  static final int MAX_EMPTY_BUCKETS = 60;

  private final int maxSeries;
  private final long idleMillis;

  /** Access-ordered: iteration starts at the series fed longest ago. */
  private final LinkedHashMap<String, Series> series = new LinkedHashMap<>(256, 0.75f, true);

  SeriesStates(int maxSeries, long idleMillis) {
    this.maxSeries = maxSeries;
    this.idleMillis = idleMillis;
  }

  Series seriesFor(SeriesGroup group, String id, long eventTimeMillis) {
    String key = group.name() + '\u0000' + id;
    Series entry = series.get(key);
    if (entry == null) {
      entry = new Series(group, id);
      series.put(key, entry);
      if (series.size() > maxSeries) {
        Iterator<String> eldest = series.keySet().iterator();
        eldest.next();
        eldest.remove();
      }
    }
    entry.lastSeen = Math.max(entry.lastSeen, eventTimeMillis);
    entry.lastArrival = System.currentTimeMillis();
    return entry;
  }

  void forEachRateSeries(Consumer<Series> action) {
    for (Series entry : series.values().toArray(Series[]::new)) {
      if (entry.bucketer != null) {
        action.accept(entry);
      }
    }
  }

  /**
   * Forgets series whose last event is older than the idle limit, measured from {@code
   * latestEventTime}.
   */
  int expire(long latestEventTime) {
    int before = series.size();
    series.values().removeIf(entry -> latestEventTime - entry.lastSeen > idleMillis);
    return before - series.size();
  }

  int size() {
    return series.size();
  }
}
