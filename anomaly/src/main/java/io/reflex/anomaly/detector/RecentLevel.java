package io.reflex.anomaly.detector;

import java.nio.ByteBuffer;

/** Exponentially weighted level and spread of a series: what "normal right now" looks like. */
final class RecentLevel {
  private final double alpha;
  private double mean;
  private double variance;
  private boolean started;

  RecentLevel(double alpha) {
    this.alpha = alpha;
  }

  /** Distance of the value from the recent level in recent spreads (0 before the first value). */
  double deviations(double value, double spreadFloor) {
    if (!started) {
      return 0.0;
    }
    return Math.abs(value - mean) / Math.max(Math.sqrt(variance), spreadFloor);
  }

  void learn(double value) {
    if (!started) {
      mean = value;
      started = true;
      return;
    }
    double d = value - mean;
    mean += alpha * d;
    variance = (1 - alpha) * (variance + alpha * d * d);
  }

  boolean started() {
    return started;
  }

  double mean() {
    return mean;
  }

  double spread() {
    return Math.sqrt(variance);
  }

  void write(ByteBuffer out) {
    out.put((byte) (started ? 1 : 0)).putDouble(mean).putDouble(variance);
  }

  void read(ByteBuffer in) {
    started = in.get() == 1;
    mean = in.getDouble();
    variance = in.getDouble();
  }
}
