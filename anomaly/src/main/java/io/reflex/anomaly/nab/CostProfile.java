package io.reflex.anomaly.nab;

/**
 * NAB's three application profiles (costs of a true positive, a missed window and a false positive
 * row).
 */
public enum CostProfile {
  STANDARD("standard", 1.0, 1.0, 0.11),
  REWARD_LOW_FP_RATE("reward_low_FP_rate", 1.0, 1.0, 0.22),
  REWARD_LOW_FN_RATE("reward_low_FN_rate", 1.0, 2.0, 0.11);

  private final String nabName;
  private final double truePositive;
  private final double falseNegative;
  private final double falsePositive;

  CostProfile(String nabName, double truePositive, double falseNegative, double falsePositive) {
    this.nabName = nabName;
    this.truePositive = truePositive;
    this.falseNegative = falseNegative;
    this.falsePositive = falsePositive;
  }

  public String nabName() {
    return nabName;
  }

  public double truePositive() {
    return truePositive;
  }

  public double falseNegative() {
    return falseNegative;
  }

  public double falsePositive() {
    return falsePositive;
  }
}
