package io.reflex.anomaly.detector;

import java.nio.ByteBuffer;

/**
 * A sustained move of an event rate away from its slow baseline: a rate that falls silent for half
 * an hour, or climbs for hours. A two-sided CUSUM (Page's test) on standardised counts, scored by
 * its false-alarm rate rather than by a tuned constant:
 *
 * <ul>
 *   <li>Counts are square-root transformed (Anscombe: {@code 2 sqrt(x + 3/8)}), which turns Poisson
 *       noise at any rate into near-Gaussian noise of variance ~1: one yardstick serves a day's
 *       peak and trough, and the skew of low counts does not pass for a shift.
 *   <li>The noise scale comes from first differences (their variance is twice the noise variance
 *       whatever the level, so a shift or a drift does not widen its own yardstick), winsorised so
 *       a burst does not either, and floored at 1, the Poisson noise of counts of independent
 *       events: a rate of rare events (mostly zeros) must not make one event a many-sigma outlier.
 *   <li>The CUSUM statistic {@code s} is scored by the average run length between false alarms that
 *       a threshold at {@code s} would have on Gaussian noise (Siegmund's approximation), on HTM's
 *       log scale like {@link AnomalyLikelihood}: score {@code ln(ARL) / ln(1e10)}. So the
 *       detector's calibrated alert threshold doubles as a false-alarm rate for this view: 0.402 is
 *       one false alarm per ~10,000 points of stationary Gaussian noise.
 * </ul>
 */
final class LevelShift {
  private static final double LN_TEN_TO_TEN = Math.log(1e10);

  /**
   * Reference value of the CUSUM in noise spreads: it looks for shifts of about twice this (one
   * spread), the size of a per-minute rate of a few events falling to nothing, or of a drift the
   * baseline lags behind.
   */
  private static final double REFERENCE = 0.5;

  /** Siegmund's correction of the threshold for the overshoot of a Gaussian CUSUM. */
  private static final double OVERSHOOT = 1.166;

  /**
   * EW weight of the baseline (a time constant of ~33 points). A trade-off between a daily cycle
   * and a slow drift, which on a per-minute rate differ in pace only 2-4 fold: the baseline's lag
   * behind the cycle eats into the reference, so a slower one raises false alarms (0.02: 26 on the
   * simulator's seeds 1-6 and 8-13), a faster one follows a drift and reports it only when it snaps
   * back (0.05: 7 of 36 drifts reported while they last, against 26 here; DETECTOR.md). A drop to
   * nothing is reported within a few points, before the baseline has followed it far.
   */
  private static final double BASELINE_ALPHA = 0.03;

  /** EW weight of the short level that tells when a reported shift is over. */
  private static final double RECENT_ALPHA = 0.1;

  /** Standard deviation of that short level on unit noise, in spreads: 0.23. */
  private static final double RECENT_NOISE = Math.sqrt(RECENT_ALPHA / (2 - RECENT_ALPHA));

  /** EW weight of the noise variance, HTM's long-run weight: slower than any shift. */
  private static final double NOISE_ALPHA = 0.001;

  /**
   * Values before the CUSUM starts: two baseline time constants, so the baseline's first steps are
   * not summed as a shift (inside the detector's own warm-up of 150).
   */
  private static final long WARMUP = (long) (2 / BASELINE_ALPHA);

  /**
   * Standardised distances are clipped here in the CUSUM: one outlier cannot make a shift alone.
   */
  private static final double CLIP = 4.0;

  /**
   * The baseline learns from distances clipped here (Huber's robust mean): a burst of ten points
   * must not drag it so far that the rate's return reads as a drop.
   */
  private static final double BASELINE_CLIP = 2.0;

  /** Poisson noise on the square-root scale: the least noise counts of independent events have. */
  private static final double NOISE_FLOOR = 1.0;

  private double baseline;
  private double recent;
  private double previous;
  private double differenceVariance;
  private double up;
  private double down;
  private boolean held;
  private long seen;

  /** Log-scaled false-alarm score in [0, 1] that the level moved; then learns the value. */
  double score(double count) {
    double y = 2 * Math.sqrt(Math.max(count, 0) + 0.375);
    seen++;
    if (seen == 1) {
      baseline = y;
      recent = y;
      previous = y;
    }
    double spread = Math.max(NOISE_FLOOR, Math.sqrt(differenceVariance / 2));
    double z = Math.max(-CLIP, Math.min(CLIP, (y - baseline) / spread));
    learn(y, z, spread);
    if (held) {
      // One shift, one alert: not one per rest period while the baseline catches up with a new
      // level. Over once the recent level is back within its own noise of the baseline: any wider,
      // and what is left of the gap, added to a daily cycle's lag, was read as the next shift.
      held = Math.abs(recent - baseline) >= RECENT_NOISE * spread;
      return 0.0;
    }
    if (seen <= WARMUP) {
      return 0.0;
    }
    up = Math.max(0, up + z - REFERENCE);
    down = Math.max(0, down - z - REFERENCE);
    return Math.min(
        1.0, Math.max(0.0, Math.log(averageRunLength(Math.max(up, down)))) / LN_TEN_TO_TEN);
  }

  /**
   * Points between false alarms of the two-sided CUSUM with threshold {@code s} on unit Gaussian
   * noise: each side's Siegmund approximation, halved for two sides.
   */
  private static double averageRunLength(double s) {
    double b = 2 * REFERENCE * (s + OVERSHOOT);
    return (Math.exp(b) - b - 1) / (2 * REFERENCE * REFERENCE) / 2;
  }

  private void learn(double y, double z, double spread) {
    double d = y - previous;
    double cap = 2 * CLIP * CLIP * spread * spread;
    double weight = Math.max(NOISE_ALPHA, 1.0 / seen);
    differenceVariance += weight * (Math.min(d * d, cap) - differenceVariance);
    baseline +=
        Math.max(BASELINE_ALPHA, 1.0 / seen)
            * Math.max(-BASELINE_CLIP, Math.min(BASELINE_CLIP, z))
            * spread;
    recent += RECENT_ALPHA * (y - recent);
    previous = y;
  }

  /**
   * The shift has been reported: restart the CUSUM and stay silent until the level is back at the
   * baseline (or the baseline has caught up with a new level).
   */
  void hold() {
    held = true;
    up = 0;
    down = 0;
  }

  void write(ByteBuffer out) {
    out.putDouble(baseline)
        .putDouble(recent)
        .putDouble(previous)
        .putDouble(differenceVariance)
        .putDouble(up)
        .putDouble(down)
        .put((byte) (held ? 1 : 0))
        .putLong(seen);
  }

  void read(ByteBuffer in) {
    baseline = in.getDouble();
    recent = in.getDouble();
    previous = in.getDouble();
    differenceVariance = in.getDouble();
    up = in.getDouble();
    down = in.getDouble();
    held = in.get() == 1;
    seen = in.getLong();
  }
}
