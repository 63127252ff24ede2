package io.reflex.anomaly.detector;

import java.nio.ByteBuffer;

/**
 * How far off a forecast of the value (the recent level, the hour's normal) usually is: the EW mean
 * of its absolute errors. The plain mean of the first errors until the EW weight takes over, so a
 * young series is not judged by a scale that starts at zero.
 */
final class ErrorScale {
  private final double alpha;
  private double meanAbsoluteError;
  private long errors;

  ErrorScale(double alpha) {
    this.alpha = alpha;
  }

  boolean learnt() {
    return errors > 0;
  }

  /** The inverse of the scale, floored like the spreads: the forecast's weight in a blend. */
  double weight(double floor) {
    return 1.0 / Math.max(meanAbsoluteError, floor);
  }

  void learn(double error) {
    errors++;
    meanAbsoluteError += Math.max(alpha, 1.0 / errors) * (Math.abs(error) - meanAbsoluteError);
  }

  void write(ByteBuffer out) {
    out.putDouble(meanAbsoluteError).putLong(errors);
  }

  void read(ByteBuffer in) {
    meanAbsoluteError = in.getDouble();
    errors = in.getLong();
  }
}
