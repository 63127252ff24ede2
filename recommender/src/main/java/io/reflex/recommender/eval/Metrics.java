package io.reflex.recommender.eval;

/** Hit rate and mean reciprocal rank at 10 and 20 over a set of evaluated events. */
public record Metrics(int events, double hr10, double mrr10, double hr20, double mrr20) {

  /**
   * @param ranks 1-based rank of each event's item in the top-20, 0 when missed
   */
  static Metrics of(int[] ranks) {
    double hits10 = 0, rr10 = 0, hits20 = 0, rr20 = 0;
    for (int rank : ranks) {
      if (rank > 0) {
        hits20++;
        rr20 += 1.0 / rank;
        if (rank <= 10) {
          hits10++;
          rr10 += 1.0 / rank;
        }
      }
    }
    int n = ranks.length;
    return n == 0
        ? new Metrics(0, 0, 0, 0, 0)
        : new Metrics(n, hits10 / n, rr10 / n, hits20 / n, rr20 / n);
  }
}
