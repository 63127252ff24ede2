package io.reflex.anomaly;

import io.reflex.anomaly.detector.Detector;
import io.reflex.anomaly.detector.Detectors;
import io.reflex.anomaly.detector.Sensitivity;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One detector per series, bounded: the least recently fed series is forgotten beyond {@code maxSeries}, and a series
 * that has been quiet (in event time) for longer than the idle limit expires.
 */
final class SeriesDetectors {

  private final Sensitivity sensitivity;
  private final int maxSeries;
  private final long idleMillis;
  /** Access-ordered: iteration starts at the series fed longest ago. */
  private final LinkedHashMap<String, Entry> series = new LinkedHashMap<>(256, 0.75f, true);

  SeriesDetectors(Sensitivity sensitivity, int maxSeries, long idleMillis) {
    this.sensitivity = sensitivity;
    this.maxSeries = maxSeries;
    this.idleMillis = idleMillis;
  }

  Detector detectorFor(String key, long eventTimeMillis) {
    Entry entry = series.get(key);
    if (entry == null) {
      entry = new Entry(Detectors.create(sensitivity));
      series.put(key, entry);
      if (series.size() > maxSeries) {
        Iterator<String> eldest = series.keySet().iterator();
        eldest.next();
        eldest.remove();
      }
    }
    entry.lastSeen = Math.max(entry.lastSeen, eventTimeMillis);
    return entry.detector;
  }

  /** Forgets series whose last point is older than the idle limit, measured from {@code latestEventTime}. */
  int expire(long latestEventTime) {
    int before = series.size();
    series.values().removeIf(entry -> latestEventTime - entry.lastSeen > idleMillis);
    return before - series.size();
  }

  int size() {
    return series.size();
  }

  private static final class Entry {
    final Detector detector;
    long lastSeen = Long.MIN_VALUE;

    Entry(Detector detector) {
      this.detector = detector;
    }
  }
}
