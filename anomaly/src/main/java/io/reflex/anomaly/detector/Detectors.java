package io.reflex.anomaly.detector;

/**
 * Entry point: the default detector at a sensitivity, its thresholds, and restoring it from a
 * snapshot.
 */
public final class Detectors {
  /**
   * The NAB scorer's optimal global threshold on nab-dev for the standard, reward_low_FP_rate and
   * reward_low_FN_rate profiles. For this detector all three optima fall on the same score level:
   * its scores are steep around the threshold (one high score per episode), so the costlier false
   * positive or miss does not move the optimum. They stay separate so a re-tuned detector can
   * differ. Reproduce with {@code reflex anomaly score}.
   */
  private static final double STANDARD_THRESHOLD = 0.4018087060093211;

  private static final double FEWER_FALSE_POSITIVES_THRESHOLD = 0.4018087060093211;
  private static final double FEWER_MISSES_THRESHOLD = 0.4018087060093211;

  private Detectors() {}

  public static Detector create(Sensitivity sensitivity) {
    return new ReflexDetector(Settings.DEFAULT, threshold(sensitivity), false);
  }

  /**
   * The detector for an event-rate series (counts per bucket): the default detector plus a view of
   * sustained level shifts, because what an operator most wants to hear about in an event rate is a
   * steady rate falling silent or slowly drifting, which the default detector follows rather than
   * reports ({@link LevelShift}). Not used for value series: NAB's metrics change level often, and
   * the thresholds are calibrated on the default detector's scores there (DETECTOR.md).
   */
  public static Detector createForRate(Sensitivity sensitivity) {
    return new ReflexDetector(Settings.DEFAULT, threshold(sensitivity), true);
  }

  /**
   * The default detector with other settings: for choosing settings under cross-validation, never
   * in the service.
   */
  public static Detector create(Settings settings, Sensitivity sensitivity) {
    return new ReflexDetector(settings, threshold(sensitivity), false);
  }

  /**
   * Continues exactly (bit-identical scores) where the detector that produced {@code snapshot}
   * stopped, a value or a rate series' detector alike. The alert threshold is not part of the
   * state: restoring at another sensitivity changes only which points alert (and, for a rate
   * series, the point where its level-shift view reports and starts a rest period, since that is
   * the alert threshold).
   */
  public static Detector restore(Sensitivity sensitivity, byte[] snapshot) {
    return ReflexDetector.restore(Settings.DEFAULT, threshold(sensitivity), snapshot);
  }

  public static double threshold(Sensitivity sensitivity) {
    return switch (sensitivity) {
      case STANDARD -> STANDARD_THRESHOLD;
      case FEWER_FALSE_POSITIVES -> FEWER_FALSE_POSITIVES_THRESHOLD;
      case FEWER_MISSES -> FEWER_MISSES_THRESHOLD;
    };
  }
}
