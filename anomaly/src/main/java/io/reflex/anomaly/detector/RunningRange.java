package io.reflex.anomaly.detector;

import java.nio.ByteBuffer;

/**
 * Smallest and largest value seen so far. Knows when a value is well outside it (HTM's "spatial" anomaly rule) and
 * maps values to a few coarse levels of that range for the sequence memories.
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

  /** Level 0..levels-1 of the value within the range; values beyond it are clamped to the edge levels. */
  int level(double value, int levels) {
    double span = max - min;
    if (!(span > 0)) {
      return 0;
    }
    int level = (int) ((value - min) / span * levels);
    return Math.max(0, Math.min(levels - 1, level));
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
