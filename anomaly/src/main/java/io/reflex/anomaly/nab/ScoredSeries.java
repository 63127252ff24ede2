package io.reflex.anomaly.nab;

import java.util.List;

/** A detector's anomaly score for every row of one series, with that series' labelled windows. */
public record ScoredSeries(String name, double[] scores, List<Window> windows) {

  /** NAB does not score the first rows: the detector learns there. */
  public int probationRows() {
    return Math.min((int) Math.floor(0.15 * scores.length), 750);
  }
}
