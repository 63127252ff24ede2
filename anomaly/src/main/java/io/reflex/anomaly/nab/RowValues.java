package io.reflex.anomaly.nab;

import java.util.List;

/**
 * What a detection on each scored row of a series is worth under one profile (NAB's scaled-sigmoid
 * weighting): positive and decaying from the left edge inside a window, negative outside, softened
 * just after a window.
 */
final class RowValues {
  private static final double SIGMA_AT_LEFT_EDGE = sigma(-1.0);

  /** Index of the window containing the row (into the series' window list), or -1. */
  final int[] windowOf;

  final double[] value;

  private RowValues(int rows) {
    windowOf = new int[rows];
    value = new double[rows];
  }

  static RowValues of(ScoredSeries series, CostProfile profile) {
    int rows = series.scores().length;
    RowValues out = new RowValues(rows);
    List<Window> windows = series.windows();
    int next = 0;
    Window previous = null;
    for (int i = 0; i < rows; i++) {
      while (next < windows.size() && windows.get(next).right() < i) {
        previous = windows.get(next++);
      }
      Window current =
          next < windows.size() && windows.get(next).contains(i) ? windows.get(next) : null;
      if (current != null) {
        out.windowOf[i] = next;
        double y = -(double) (current.right() - i + 1) / current.width();
        out.value[i] = profile.truePositive() * sigma(y) / SIGMA_AT_LEFT_EDGE;
      } else {
        out.windowOf[i] = -1;
        out.value[i] =
            previous == null
                ? -profile.falsePositive()
                : profile.falsePositive()
                    * sigma(Math.abs(previous.right() - i) / (double) (previous.width() - 1));
      }
    }
    return out;
  }

  /** NAB's scaled sigmoid: +1 far left, 0 at y = 0, -1 beyond y = 3. */
  static double sigma(double y) {
    return y > 3.0 ? -1.0 : 2.0 / (1.0 + Math.exp(5.0 * y)) - 1.0;
  }
}
