package io.reflex.anomaly.detector;

import java.nio.ByteBuffer;

/**
 * HTM's anomaly likelihood over any raw score: the short average of recent raw scores is compared
 * with the long-run distribution of that average on THIS series, and the Gaussian tail is
 * log-scaled. A series that is always a bit surprising stops alerting; a quiet series alerts on its
 * first burst. This is what makes one threshold fit all series.
 */
final class AnomalyLikelihood {
  /** HTM's floors: a series with almost constant raw scores must not turn noise into certainty. */
  private static final double MEAN_FLOOR = 0.03;

  private static final double VARIANCE_FLOOR = 0.0003;
  private static final double LOG_OF_TEN_TO_MINUS_TEN = Math.log(1e-10);

  private final double[] recent;
  private final double alpha;
  private int next;
  private double mean;
  private double variance;
  private long seen;

  AnomalyLikelihood(int averageOver, double alpha) {
    this.recent = new double[averageOver];
    this.alpha = alpha;
  }

  /** Log-scaled likelihood in [0, 1] of the raw score given the history; then learns it. */
  double score(double raw) {
    recent[next] = raw;
    next = (next + 1) % recent.length;
    double sum = 0;
    for (double r : recent) {
      sum += r;
    }
    double average = sum / recent.length;
    double z =
        (average - Math.max(mean, MEAN_FLOOR)) / Math.sqrt(Math.max(variance, VARIANCE_FLOOR));
    double likelihood = 1.0 - GaussianTail.q(z);
    learn(average);
    // HTM's log scale; the 1e-10 offset makes a likelihood of 0 come out a hair below 0, hence the
    // clamp.
    return Math.max(0.0, Math.log(1.0000000001 - likelihood) / LOG_OF_TEN_TO_MINUS_TEN);
  }

  private void learn(double average) {
    seen++;
    // Plain averages until the EW window is full, so the first hundreds of points are not dominated
    // by the first one.
    double a = Math.max(alpha, 1.0 / seen);
    double d = average - mean;
    mean += a * d;
    variance = (1 - a) * (variance + a * d * d);
  }

  void write(ByteBuffer out) {
    for (double r : recent) {
      out.putDouble(r);
    }
    out.putInt(next).putDouble(mean).putDouble(variance).putLong(seen);
  }

  void read(ByteBuffer in) {
    for (int i = 0; i < recent.length; i++) {
      recent[i] = in.getDouble();
    }
    next = in.getInt();
    mean = in.getDouble();
    variance = in.getDouble();
    seen = in.getLong();
  }
}
