package io.reflex.anomaly.detector;

import java.nio.ByteBuffer;

/**
 * How new the current context is on this series: the idea of Numenta NAB's contextOSE detector (CAD
 * OSE), re-implemented from its published description, no code read or taken. Each value is
 * discretised to a level, a level and the one before form a context, and the raw score is 1 / (1 +
 * times that context was seen). Levels are signed deviations from the recent level (one recent
 * spread wide, clipped at three), so they keep their meaning while the range of the series grows.
 * Bounded: one decaying count per possible context.
 */
final class ContextNovelty {
  private static final int LEVELS = 7;
  private static final int CONTEXTS = LEVELS * LEVELS;

  /**
   * Counts are halved when their total reaches this, so old habits fade and the counts stay
   * bounded.
   */
  private static final float DECAY_AT = 4096f;

  private final float[] counts = new float[CONTEXTS];
  private float total;
  private int previous;

  /** Novelty in (0, 1] of the context ending with this value, then learns it. */
  double score(double signedDeviations) {
    int context = (previous * LEVELS + level(signedDeviations)) % CONTEXTS;
    previous = context;
    double novelty = 1.0 / (1.0 + counts[context]);
    counts[context] += 1f;
    total += 1f;
    if (total >= DECAY_AT) {
      for (int i = 0; i < CONTEXTS; i++) {
        counts[i] *= 0.5f;
      }
      total *= 0.5f;
    }
    return novelty;
  }

  private static int level(double signedDeviations) {
    // NaN only arises from infinity / infinity (astronomic values): the most extreme level.
    if (Double.isNaN(signedDeviations)) {
      return LEVELS - 1;
    }
    long level = Math.round(signedDeviations) + LEVELS / 2;
    return (int) Math.max(0, Math.min(LEVELS - 1, level));
  }

  void write(ByteBuffer out) {
    for (float c : counts) {
      out.putFloat(c);
    }
    out.putFloat(total).putInt(previous);
  }

  void read(ByteBuffer in) {
    for (int i = 0; i < CONTEXTS; i++) {
      counts[i] = in.getFloat();
    }
    total = in.getFloat();
    previous = in.getInt();
  }
}
