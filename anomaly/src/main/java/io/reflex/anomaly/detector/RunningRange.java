package io.reflex.anomaly.detector;

import java.nio.ByteBuffer;

/**
 * Smallest and largest value seen so far, and whether a value lies well outside them (HTM's
 * "spatial" anomaly rule: a new extreme is worth an alert whatever the likelihood says).
 */
final class RunningRange {
  private double min = Double.POSITIVE_INFINITY;
  private double max = Double.NEGATIVE_INFINITY;

  /** True when the value lies more than {@code tolerance} x range beyond what has been seen. */
  boolean isFarOutside(double value, double tolerance) {
    double slack = tolerance * (max - min);
    return value > max + slack || value < min - slack;
  }

  void include(double value) {
    min = Math.min(min, value);
    max = Math.max(max, value);
  }

  double min() {
    return min;
  }

  double max() {
    return max;
  }

  void write(ByteBuffer out) {
    out.putDouble(min).putDouble(max);
  }

  void read(ByteBuffer in) {
    min = in.getDouble();
    max = in.getDouble();
  }
}
