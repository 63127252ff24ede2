package io.reflex.anomaly.detector;

import java.util.Random;

/**
 * Deterministic test series: 5-minute samples, like many NAB series. Noise is bounded (uniform):
 * with unbounded Gaussian noise every new record extreme trips the detector's range rule, which is
 * intended (see DETECTOR.md).
 */
final class SyntheticSeries {
  static final long START = 1_400_000_000_000L;
  static final long STEP = 300_000L;
  static final int PER_DAY = 288;

  private SyntheticSeries() {}

  static long time(int i) {
    return START + i * STEP;
  }

  static double[] dailyWave(int rows, double noise, long seed) {
    Random random = new Random(seed);
    double[] values = new double[rows];
    for (int i = 0; i < rows; i++) {
      values[i] =
          50 + 20 * Math.sin(2 * Math.PI * i / PER_DAY) + noise * (2 * random.nextDouble() - 1);
    }
    return values;
  }

  static double[] steady(int rows, double level, double noise, long seed) {
    Random random = new Random(seed);
    double[] values = new double[rows];
    for (int i = 0; i < rows; i++) {
      values[i] = level + noise * (2 * random.nextDouble() - 1);
    }
    return values;
  }

  /** Counts per bucket of independent events at a mean rate: an event rate's noise. */
  static double[] poisson(int rows, double mean, long seed) {
    Random random = new Random(seed);
    double[] values = new double[rows];
    double limit = Math.exp(-mean);
    for (int i = 0; i < rows; i++) {
      // Knuth's method: fine for small means.
      double product = random.nextDouble();
      while (product > limit) {
        product *= random.nextDouble();
        values[i]++;
      }
    }
    return values;
  }
}
