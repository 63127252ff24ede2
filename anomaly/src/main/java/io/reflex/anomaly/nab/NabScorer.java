package io.reflex.anomaly.nab;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * NAB's scorer (Lavin and Ahmad 2015, the Numenta Anomaly Benchmark; anomaly/DETECTOR.md):
 * probation, windows, scaled sigmoid, one global threshold per profile found by sweeping every
 * distinct score, and normalisation between the null detector (0) and a perfect one (100).
 */
public final class NabScorer {

  /**
   * The best global threshold for a profile; {@code threshold} is +infinity when never firing is
   * best.
   */
  public record ProfileScore(
      CostProfile profile, double threshold, double rawScore, double normalisedScore) {}

  private final List<ScoredSeries> corpus;

  public NabScorer(List<ScoredSeries> corpus) {
    this.corpus = List.copyOf(corpus);
  }

  public ProfileScore optimise(CostProfile profile) {
    Corpus rows = new Corpus(profile);
    Integer[] order = new Integer[rows.size];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, Comparator.comparingDouble((Integer i) -> rows.score[i]).reversed());

    WindowCredit credit = new WindowCredit(rows.windowCount, profile);
    double sum = credit.total();
    double best = sum;
    double bestThreshold = Double.POSITIVE_INFINITY;
    int k = 0;
    while (k < order.length) {
      double level = rows.score[order[k]];
      // Rows with equal scores are detected together: evaluate only after the whole group entered.
      for (; k < order.length && rows.score[order[k]] == level; k++) {
        sum += rows.detect(order[k], credit);
      }
      if (sum > best) {
        best = sum;
        bestThreshold = level;
      }
    }
    return new ProfileScore(
        profile, bestThreshold, best, normalise(best, rows.windowCount, profile));
  }

  /** The score when every row with {@code score >= threshold} is a detection. */
  public ProfileScore scoreAt(CostProfile profile, double threshold) {
    Corpus rows = new Corpus(profile);
    WindowCredit credit = new WindowCredit(rows.windowCount, profile);
    double sum = credit.total();
    for (int i = 0; i < rows.size; i++) {
      if (rows.score[i] >= threshold) {
        sum += rows.detect(i, credit);
      }
    }
    return new ProfileScore(profile, threshold, sum, normalise(sum, rows.windowCount, profile));
  }

  private static double normalise(double sum, int windows, CostProfile profile) {
    double perfect = windows * profile.truePositive();
    double nothing = -windows * profile.falseNegative();
    return 100.0 * (sum - nothing) / (perfect - nothing);
  }

  /** All scored (post-probation) rows of the corpus, flattened, with corpus-wide window ids. */
  private final class Corpus {
    final double[] score;
    final double[] value;
    final int[] window;
    final int size;
    final int windowCount;

    Corpus(CostProfile profile) {
      List<double[]> scores = new ArrayList<>();
      List<double[]> values = new ArrayList<>();
      List<int[]> windows = new ArrayList<>();
      int total = 0;
      int windowBase = 0;
      for (ScoredSeries series : corpus) {
        RowValues rowValues = RowValues.of(series, profile);
        int from = series.probationRows();
        int[] ids = Arrays.copyOfRange(rowValues.windowOf, from, series.scores().length);
        int[] windowIds = new int[series.windows().size()];
        // Windows wholly inside probation cannot be detected and are left out of the sweep.
        int counted = 0;
        for (int w = 0; w < windowIds.length; w++) {
          windowIds[w] = series.windows().get(w).right() >= from ? windowBase + counted++ : -1;
        }
        for (int i = 0; i < ids.length; i++) {
          ids[i] = ids[i] < 0 ? -1 : windowIds[ids[i]];
        }
        scores.add(Arrays.copyOfRange(series.scores(), from, series.scores().length));
        values.add(Arrays.copyOfRange(rowValues.value, from, series.scores().length));
        windows.add(ids);
        total += ids.length;
        windowBase += counted;
      }
      size = total;
      windowCount = windowBase;
      score = concat(scores, total);
      value = concat(values, total);
      window = new int[total];
      int at = 0;
      for (int[] ids : windows) {
        System.arraycopy(ids, 0, window, at, ids.length);
        at += ids.length;
      }
    }

    /** Change of the corpus score when row {@code i} becomes a detection. */
    double detect(int i, WindowCredit credit) {
      return window[i] < 0 ? value[i] : credit.detect(window[i], value[i]);
    }

    private static double[] concat(List<double[]> parts, int total) {
      double[] out = new double[total];
      int at = 0;
      for (double[] part : parts) {
        System.arraycopy(part, 0, out, at, part.length);
        at += part.length;
      }
      return out;
    }
  }

  /** Each window is worth its best detected row, or -A_FN while undetected. */
  private static final class WindowCredit {
    private final double[] best;
    private final boolean[] detected;
    private final double missCost;

    WindowCredit(int windows, CostProfile profile) {
      best = new double[windows];
      detected = new boolean[windows];
      missCost = profile.falseNegative();
    }

    double total() {
      return -missCost * best.length;
    }

    double detect(int window, double value) {
      if (!detected[window]) {
        detected[window] = true;
        best[window] = value;
        return value + missCost;
      }
      if (value > best[window]) {
        double gain = value - best[window];
        best[window] = value;
        return gain;
      }
      return 0.0;
    }
  }
}
