package io.reflex.anomaly.detector;

/**
 * Global knobs of {@link ReflexDetector}, tuned once on the NAB dev set and identical for every
 * series (see anomaly/DETECTOR.md for the tuning and the overfitting checks).
 *
 * @param warmupRows values observed before any score above 0 (NAB's shortest probation is 169 rows)
 * @param spatialTolerance share of the seen range a value must exceed it by to count as "outside
 *     the range"
 * @param recentAlpha EW weight of the recent level and spread
 * @param spreadFloorShare smallest spread, as a share of the seen range, so flat series do not
 *     divide by ~0
 * @param seasonalAlpha EW weight of the hourly profile (per slot visit)
 * @param blendAlpha EW weight of the error scales that weigh the two surprises in the raw surprise
 *     ({@link SurpriseBlend})
 * @param averageOver raw scores averaged by the likelihood step
 * @param likelihoodAlpha EW weight of the likelihood's long-run distribution
 * @param restTrigger score that starts a rest period; below every alert threshold, so each alert is
 *     followed by rest
 * @param restRows values damped after a trigger: one incident, one high score
 * @param restDamping factor applied to scores during the rest period
 */
public record Settings(
    int warmupRows,
    double spatialTolerance,
    double recentAlpha,
    double spreadFloorShare,
    double seasonalAlpha,
    double blendAlpha,
    int averageOver,
    double likelihoodAlpha,
    double restTrigger,
    int restRows,
    double restDamping) {

  static final Settings DEFAULT =
      new Settings(150, 0.005, 0.05, 0.001, 0.02, 0.003, 10, 0.001, 0.4, 30, 0.1);

  /**
   * These settings with the likelihood's window and EW weight and the blend's EW weight replaced.
   */
  Settings with(int averageOver, double likelihoodAlpha, double blendAlpha) {
    return new Settings(
        warmupRows,
        spatialTolerance,
        recentAlpha,
        spreadFloorShare,
        seasonalAlpha,
        blendAlpha,
        averageOver,
        likelihoodAlpha,
        restTrigger,
        restRows,
        restDamping);
  }
}
