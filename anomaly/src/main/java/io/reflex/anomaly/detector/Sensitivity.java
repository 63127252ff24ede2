package io.reflex.anomaly.detector;

/**
 * Which trade-off the alert threshold serves; each maps to the threshold the NAB scorer picks for
 * one profile.
 */
public enum Sensitivity {
  /** NAB "standard" profile. */
  STANDARD,
  /** NAB "reward_low_FP_rate" profile: a false alarm costs twice as much. */
  FEWER_FALSE_POSITIVES,
  /** NAB "reward_low_FN_rate" profile: a missed anomaly costs twice as much. */
  FEWER_MISSES
}
