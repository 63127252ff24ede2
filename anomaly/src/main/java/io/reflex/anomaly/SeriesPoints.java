package io.reflex.anomaly;

import io.reflex.anomaly.detector.Detector;
import io.reflex.anomaly.detector.Verdict;
import io.reflex.common.event.LogPosition;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;

/**
 * The points of one series from one event batch, observed in order by the series' detector on the
 * replica that owns the series. A point from the event log that the series applied before (a retry)
 * is not observed again: it gets the verdict it got the first time, or null when that is no longer
 * kept (its outputs went out long ago).
 */
final class SeriesPoints {

  private final long[] eventTimes;
  private final double[] values;
  private final long[] positions;

  /**
   * @param positions each point's log position, {@link LogPosition#NONE} for points not from the
   *     log
   */
  SeriesPoints(long[] eventTimes, double[] values, long[] positions) {
    this.eventTimes = eventTimes;
    this.values = values;
    this.positions = positions;
  }

  int size() {
    return values.length;
  }

  /** Observes the points in {@code entry}, which they change. */
  SeriesVerdicts observeIn(SeriesEntry entry) {
    Detector detector = entry.detector;
    ArrayList<Verdict> verdicts = new ArrayList<>(values.length);
    entry.dirty = true;
    boolean logged = false;
    boolean retried = false;
    for (long position : positions) {
      logged |= position != LogPosition.NONE;
      retried |= entry.applied.applied(position);
    }
    if (!logged) { // fast mode: nothing to remember for retries
      for (int i = 0; i < values.length; i++) {
        verdicts.add(detector.observe(eventTimes[i], values[i]));
      }
      return new SeriesVerdicts(verdicts, 0);
    }
    RecentVerdicts recent = new RecentVerdicts(entry, positions, retried);
    int repeated = 0;
    for (int i = 0; i < values.length; i++) {
      Verdict verdict;
      if (entry.applied.applied(positions[i])) {
        repeated++;
        verdict = entry.recent(positions[i]);
      } else {
        verdict = detector.observe(eventTimes[i], values[i]);
        entry.applied.record(positions[i]);
      }
      verdicts.add(verdict);
      if (positions[i] != LogPosition.NONE && verdict != null) {
        recent.add(positions[i], verdict);
      }
    }
    entry.recentPositions = recent.positions();
    entry.recentVerdicts = recent.verdicts();
    return new SeriesVerdicts(verdicts, repeated);
  }

  /**
   * The verdicts kept for retries: this update's logged points, after the previously kept ones that
   * this update did not repeat (a retry polled with other batch boundaries may repeat only some).
   * Normally the newest {@code max(MIN_RECENT, this update's points)} of them; while a retry is
   * under way (this update repeats points) none is let go, up to {@link SeriesEntry#MAX_RECENT}: a
   * retry that re-reads the log in smaller batches than the first pass must still find the verdicts
   * of the points it has yet to repeat.
   */
  private static final class RecentVerdicts {
    private final ArrayList<Long> positions = new ArrayList<>();
    private final ArrayList<Verdict> verdicts = new ArrayList<>();
    private final int keep;

    RecentVerdicts(SeriesEntry previous, long[] incoming, boolean retried) {
      this.keep =
          retried
              ? SeriesEntry.MAX_RECENT
              : Math.min(SeriesEntry.MAX_RECENT, Math.max(SeriesEntry.MIN_RECENT, incoming.length));
      Set<Long> repeated = new HashSet<>();
      for (long position : incoming) {
        repeated.add(position);
      }
      for (int i = 0; i < previous.recentPositions.length; i++) {
        if (!repeated.contains(previous.recentPositions[i])) {
          add(previous.recentPositions[i], previous.recentVerdicts[i]);
        }
      }
    }

    void add(long position, Verdict verdict) {
      positions.add(position);
      verdicts.add(verdict);
    }

    long[] positions() {
      int from = Math.max(0, positions.size() - keep);
      return positions.subList(from, positions.size()).stream()
          .mapToLong(Long::longValue)
          .toArray();
    }

    Verdict[] verdicts() {
      int from = Math.max(0, verdicts.size() - keep);
      return verdicts.subList(from, verdicts.size()).toArray(Verdict[]::new);
    }
  }
}
