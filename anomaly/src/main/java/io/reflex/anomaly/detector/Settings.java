package io.reflex.anomaly.detector;

/** Global knobs of {@link ReflexDetector}: tuned once on the NAB dev set, identical for every series. */
record Settings(
    int warmupRows,
    int levels,
    double spatialTolerance,
    double levelAlpha,
    double spreadFloorShare,
    double weightDeviation,
    double weightSequence,
    double weightHour,
    int averageOver,
    double likelihoodAlpha,
    double restTrigger,
    int restRows,
    double restDamping) {

  static final Settings DEFAULT = new Settings(150, 8, 0.05, 0.05, 0.001, 1.0, 1.0, 1.0, 10, 0.001, 0.5, 150, 0.1);
}
