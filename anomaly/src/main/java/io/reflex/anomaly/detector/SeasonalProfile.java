package io.reflex.anomaly.detector;

import java.nio.ByteBuffer;

/**
 * Exponentially weighted mean and spread of the value per time slot (hour of the day or of the
 * week): what is normal at this time. Stored as floats to keep a week of hourly slots within the
 * state budget.
 */
final class SeasonalProfile {
  private final float[] mean;
  private final float[] variance;
  private final char[] seen;
  private final double alpha;

  SeasonalProfile(int slots, double alpha) {
    mean = new float[slots];
    variance = new float[slots];
    seen = new char[slots];
    this.alpha = alpha;
  }

  /**
   * Distance from the slot's normal in slot spreads, weighted down while the slot has little
   * history.
   */
  double deviations(int slot, double value, double spreadFloor) {
    if (seen[slot] == 0) {
      return 0.0;
    }
    double confidence = seen[slot] / (seen[slot] + 4.0);
    return confidence
        * Math.abs(value - mean[slot])
        / Math.max(Math.sqrt(variance[slot]), spreadFloor);
  }

  boolean hasSeen(int slot) {
    return seen[slot] > 0;
  }

  double mean(int slot) {
    return mean[slot];
  }

  void learn(int slot, double value) {
    if (seen[slot] == 0) {
      mean[slot] = (float) value;
    } else {
      double a = Math.max(alpha, 1.0 / (seen[slot] + 1));
      double d = value - mean[slot];
      mean[slot] = (float) (mean[slot] + a * d);
      variance[slot] = (float) ((1 - a) * (variance[slot] + a * d * d));
    }
    if (seen[slot] < Character.MAX_VALUE) {
      seen[slot]++;
    }
  }

  void write(ByteBuffer out) {
    for (int i = 0; i < mean.length; i++) {
      out.putFloat(mean[i]).putFloat(variance[i]).putChar(seen[i]);
    }
  }

  void read(ByteBuffer in) {
    for (int i = 0; i < mean.length; i++) {
      mean[i] = in.getFloat();
      variance[i] = in.getFloat();
      seen[i] = in.getChar();
    }
  }
}
