package io.reflex.anomaly.detector;

/**
 * Upper tail of the standard normal, Q(z) = P(Z > z) = erfc(z / sqrt 2) / 2; the JDK has no erfc.
 */
final class GaussianTail {

  private GaussianTail() {}

  static double q(double z) {
    return 0.5 * erfc(z / Math.sqrt(2.0));
  }

  /**
   * Complementary error function, Chebyshev fit (Numerical Recipes erfcc): relative error below
   * 1.2e-7 everywhere and monotone, which is what a ranking of anomaly scores needs.
   */
  static double erfc(double x) {
    double z = Math.abs(x);
    double t = 1.0 / (1.0 + 0.5 * z);
    double r =
        t
            * Math.exp(
                -z * z
                    - 1.26551223
                    + t
                        * (1.00002368
                            + t
                                * (0.37409196
                                    + t
                                        * (0.09678418
                                            + t
                                                * (-0.18628806
                                                    + t
                                                        * (0.27886807
                                                            + t
                                                                * (-1.13520398
                                                                    + t
                                                                        * (1.48851587
                                                                            + t
                                                                                * (-0.82215223
                                                                                    + t
                                                                                        * 0.17087277)))))))));
    return x >= 0 ? r : 2.0 - r;
  }
}
