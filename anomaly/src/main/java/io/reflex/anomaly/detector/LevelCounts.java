package io.reflex.anomaly.detector;

import java.nio.ByteBuffer;

/**
 * How often each level followed each context (a previous-levels pair, an hour of the day...). Counts are 16-bit and
 * halved together when one saturates, so old habits fade and the table stays a fixed, small size.
 */
final class LevelCounts {
  private static final int SATURATION = 0xFFFF;

  private final int levels;
  private final char[] counts;
  private final char[] totals;

  LevelCounts(int contexts, int levels) {
    this.levels = levels;
    this.counts = new char[contexts * levels];
    this.totals = new char[contexts];
  }

  /** 1 - smoothed probability of the level in the context: near 1 for a never-seen continuation. */
  double surprise(int context, int level) {
    double seen = counts[context * levels + level];
    return 1.0 - (seen + 0.1) / (totals[context] + 0.1 * levels);
  }

  /** Share of the context's history behind its estimate, 0 for an unseen context, approaching 1. */
  double confidence(int context) {
    return totals[context] / (totals[context] + 4.0);
  }

  void learn(int context, int level) {
    int at = context * levels + level;
    if (counts[at] == SATURATION || totals[context] == SATURATION) {
      halve(context);
    }
    counts[at]++;
    totals[context]++;
  }

  private void halve(int context) {
    int total = 0;
    for (int i = context * levels; i < (context + 1) * levels; i++) {
      counts[i] = (char) (counts[i] >> 1);
      total += counts[i];
    }
    totals[context] = (char) total;
  }

  void write(ByteBuffer out) {
    for (char c : counts) {
      out.putChar(c);
    }
    for (char c : totals) {
      out.putChar(c);
    }
  }

  void read(ByteBuffer in) {
    for (int i = 0; i < counts.length; i++) {
      counts[i] = in.getChar();
    }
    for (int i = 0; i < totals.length; i++) {
      totals[i] = in.getChar();
    }
  }
}
