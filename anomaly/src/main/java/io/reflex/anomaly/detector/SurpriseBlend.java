package io.reflex.anomaly.detector;

import java.nio.ByteBuffer;

/**
 * Blends the two surprises, far from the recent level and unusual for this hour, each weighted by
 * the inverse of its own forecast's usual error: on a series the hour of the day forecasts well (a
 * daily wave), the hourly view counts more; on one it does not (noise, trends), the recent level
 * does. Learnt per series, instead of one ratio tuned on the dev files (DETECTOR.md, ninth round).
 */
final class SurpriseBlend {
  private final ErrorScale recent;
  private final ErrorScale daily;

  SurpriseBlend(double alpha) {
    recent = new ErrorScale(alpha);
    daily = new ErrorScale(alpha);
  }

  /**
   * The blended surprise; the hourly view has no say until its forecast has been judged once.
   *
   * @param floor smallest error scale, the spreads' floor, so a flat series does not divide by ~0
   */
  double raw(double fromRecent, double fromDaily, double floor) {
    double weightRecent = recent.weight(floor);
    double weightDaily = daily.learnt() ? daily.weight(floor) : 0.0;
    return (weightRecent * fromRecent + weightDaily * fromDaily) / (weightRecent + weightDaily);
  }

  /** The value's error against the recent level's forecast of it. */
  void learnRecent(double error) {
    recent.learn(error);
  }

  /** The value's error against its hour's normal. */
  void learnDaily(double error) {
    daily.learn(error);
  }

  void write(ByteBuffer out) {
    recent.write(out);
    daily.write(out);
  }

  void read(ByteBuffer in) {
    recent.read(in);
    daily.read(in);
  }
}
