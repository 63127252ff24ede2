package io.reflex.recommender.eval;

/**
 * Paired per-event comparison of two models on the same replay (HR@k hit vectors): the exact
 * two-sided sign test on the discordant events (McNemar's exact form), plus the count of sliding
 * windows each model wins, as the notes ask.
 *
 * @param onlyA events A hit and B missed
 * @param onlyB events B hit and A missed
 * @param pValue exact two-sided binomial p-value of onlyA vs onlyB under "equally good"
 * @param windowsAWins windows (of {@code window} evaluated events) where A's HR@k is higher;
 *     likewise B
 */
public record PairedComparison(
    String a,
    String b,
    int k,
    long onlyA,
    long onlyB,
    double pValue,
    int window,
    int windowsAWins,
    int windowsBWins,
    int windows) {

  public static PairedComparison of(ModelResult a, ModelResult b, int k, int window) {
    if (a.ranks().length != b.ranks().length) {
      throw new IllegalArgumentException("models were not replayed on the same log");
    }
    long onlyA = 0, onlyB = 0;
    int aWins = 0, bWins = 0, windows = 0;
    int hitsA = 0, hitsB = 0;
    for (int i = 0; i < a.ranks().length; i++) {
      boolean hitA = a.hit(i, k), hitB = b.hit(i, k);
      onlyA += hitA && !hitB ? 1 : 0;
      onlyB += hitB && !hitA ? 1 : 0;
      hitsA += hitA ? 1 : 0;
      hitsB += hitB ? 1 : 0;
      if ((i + 1) % window == 0) {
        windows++;
        aWins += hitsA > hitsB ? 1 : 0;
        bWins += hitsB > hitsA ? 1 : 0;
        hitsA = 0;
        hitsB = 0;
      }
    }
    return new PairedComparison(
        a.model(),
        b.model(),
        k,
        onlyA,
        onlyB,
        signTest(onlyA, onlyB),
        window,
        aWins,
        bWins,
        windows);
  }

  /**
   * P(|X - n/2| >= |x - n/2|) for X ~ Binomial(n, 1/2), summed in log space so large n cannot
   * underflow.
   */
  static double signTest(long x, long y) {
    long n = x + y;
    if (n == 0) {
      return 1;
    }
    long tail = Math.min(x, y);
    double logChoose = 0; // log C(n, 0)
    double logTail = Double.NEGATIVE_INFINITY;
    for (long k = 0; k <= tail; k++) {
      logTail = logSum(logTail, logChoose);
      logChoose += Math.log(n - k) - Math.log(k + 1);
    }
    return Math.min(1, 2 * Math.exp(logTail - n * Math.log(2)));
  }

  private static double logSum(double a, double b) {
    double max = Math.max(a, b);
    return max == Double.NEGATIVE_INFINITY
        ? max
        : max + Math.log(Math.exp(a - max) + Math.exp(b - max));
  }
}
