package io.reflex.anomaly;

import io.reflex.anomaly.detector.Detector;
import io.reflex.anomaly.detector.Detectors;
import io.reflex.anomaly.detector.Sensitivity;
import io.reflex.anomaly.detector.Verdict;
import io.reflex.common.event.LogPosition;
import io.reflex.common.state.StateChange;
import io.reflex.common.state.StateUpdate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;

/**
 * The points of one series from one event batch, observed in order by the series' detector where its state lives:
 * one store update per series per batch, whatever the number of points. A point from the event log that the series
 * applied before (a retry) is not observed again: it gets the verdict it got the first time, or null when that is no
 * longer kept (its outputs went out long ago).
 */
final class SeriesPoints implements StateUpdate<SeriesVerdicts> {

  /** The store map holding one {@link SeriesEntry} per series. */
  static final String MAP = "anomalySeries";

  private final Sensitivity sensitivity;
  private final long[] eventTimes;
  private final double[] values;
  private final long[] positions;

  /** @param positions each point's log position, {@link LogPosition#NONE} for points not from the log */
  SeriesPoints(Sensitivity sensitivity, long[] eventTimes, double[] values, long[] positions) {
    this.sensitivity = sensitivity;
    this.eventTimes = eventTimes;
    this.values = values;
    this.positions = positions;
  }

  @Override
  public StateChange<SeriesVerdicts> apply(byte[] stored) {
    SeriesEntry entry = stored == null ? SeriesEntry.empty() : SeriesEntry.decode(stored);
    Detector detector = entry.detector == null ? Detectors.create(sensitivity)
        : Detectors.restore(sensitivity, entry.detector);
    ArrayList<Verdict> verdicts = new ArrayList<>(values.length);
    boolean retried = false;
    for (long position : positions) {
      retried |= entry.applied.applied(position);
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
    SeriesEntry updated = new SeriesEntry(entry.applied, recent.positions(), recent.verdicts(), detector.snapshot());
    return new StateChange<>(updated.encode(), new SeriesVerdicts(verdicts, repeated));
  }

  /**
   * The verdicts kept for retries: this update's logged points, after the previously kept ones that this update did
   * not repeat (a retry polled with other batch boundaries may repeat only some). Normally the newest
   * {@code max(MIN_RECENT, this update's points)} of them; while a retry is under way (this update repeats points)
   * none is let go, up to {@link SeriesEntry#MAX_RECENT}: a retry that re-reads the log in smaller batches than the
   * first pass must still find the verdicts of the points it has yet to repeat.
   */
  private static final class RecentVerdicts {
    private final ArrayList<Long> positions = new ArrayList<>();
    private final ArrayList<Verdict> verdicts = new ArrayList<>();
    private final int keep;

    RecentVerdicts(SeriesEntry previous, long[] incoming, boolean retried) {
      this.keep = retried ? SeriesEntry.MAX_RECENT
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
      return positions.subList(from, positions.size()).stream().mapToLong(Long::longValue).toArray();
    }

    Verdict[] verdicts() {
      int from = Math.max(0, verdicts.size() - keep);
      return verdicts.subList(from, verdicts.size()).toArray(Verdict[]::new);
    }
  }
}
