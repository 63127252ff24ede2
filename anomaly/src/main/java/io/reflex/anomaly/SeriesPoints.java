package io.reflex.anomaly;

import io.reflex.anomaly.detector.Detector;
import io.reflex.anomaly.detector.Detectors;
import io.reflex.anomaly.detector.Sensitivity;
import io.reflex.anomaly.detector.Verdict;
import io.reflex.common.state.StateChange;
import io.reflex.common.state.StateUpdate;

import java.util.ArrayList;

/**
 * The points of one series from one event batch, observed in order by the series' detector where its state lives:
 * one store update per series per batch, whatever the number of points.
 */
final class SeriesPoints implements StateUpdate<ArrayList<Verdict>> {

  /** The store map holding one detector snapshot per series. */
  static final String MAP = "anomalySeries";

  private final Sensitivity sensitivity;
  private final long[] eventTimes;
  private final double[] values;

  SeriesPoints(Sensitivity sensitivity, long[] eventTimes, double[] values) {
    this.sensitivity = sensitivity;
    this.eventTimes = eventTimes;
    this.values = values;
  }

  @Override
  public StateChange<ArrayList<Verdict>> apply(byte[] snapshot) {
    Detector detector = snapshot == null ? Detectors.create(sensitivity) : Detectors.restore(sensitivity, snapshot);
    ArrayList<Verdict> verdicts = new ArrayList<>(values.length);
    for (int i = 0; i < values.length; i++) {
      verdicts.add(detector.observe(eventTimes[i], values[i]));
    }
    return new StateChange<>(detector.snapshot(), verdicts);
  }
}
