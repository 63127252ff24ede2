package io.reflex.anomaly.detector;

import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * The default detector. Two cheap views of each value are blended into a raw surprise: its distance
 * from the recent (exponentially weighted) level, and its distance from what is normal at this hour
 * of the day, each weighted by how well it forecasts this series ({@link SurpriseBlend}). The raw
 * surprise is calibrated per series by {@link AnomalyLikelihood}; a value well outside the range
 * seen so far scores 1; after a score at the rest trigger the next scores are damped for a rest
 * period, so one incident yields one high score, not a burst of false positives. For an event-rate
 * series a {@link LevelShift} view adds sustained shifts of the level. O(1) work per value, fixed
 * state under 1 KB.
 */
final class ReflexDetector implements Detector {
  private static final byte FORMAT = 3;

  /** The snapshot of a detector that also watches level shifts (an event-rate series). */
  private static final byte FORMAT_WITH_SHIFT = 4;

  /**
   * Formats 1 and 2 are formats 3 and 4 of the detector before the self-calibrating blend: the same
   * state without the blend's error scales. Still read, so that series stored by a running cluster
   * survive an upgrade; their blend learns afresh, as a new series' does.
   */
  private static final byte BEFORE_BLEND = 2;

  private static final long HOUR_MILLIS = Duration.ofHours(1).toMillis();
  private static final int HOURS_PER_DAY = 24;

  /** Half-width of the expected range reported with each verdict, in recent spreads. */
  private static final double EXPECTED_SPREADS = 3.0;

  private static final double FLOAT_RESOLUTION = 1e-6;

  private final Settings settings;
  private final double alertThreshold;
  private final AlertEpisode episode;
  private final RunningRange range = new RunningRange();
  private final RecentLevel recent;
  private final SeasonalProfile daily;
  private final SurpriseBlend blend;
  private final AnomalyLikelihood likelihood;

  /** Null for value series: see {@link Detectors#createForRate}. */
  private final LevelShift shift;

  private long seen;
  private int restLeft;

  ReflexDetector(Settings settings, double alertThreshold, boolean watchLevelShifts) {
    this.settings = settings;
    this.alertThreshold = alertThreshold;
    this.shift = watchLevelShifts ? new LevelShift() : null;
    this.episode = new AlertEpisode(alertThreshold);
    this.recent = new RecentLevel(settings.recentAlpha());
    this.daily = new SeasonalProfile(HOURS_PER_DAY, settings.seasonalAlpha());
    this.blend = new SurpriseBlend(settings.blendAlpha());
    this.likelihood = new AnomalyLikelihood(settings.averageOver(), settings.likelihoodAlpha());
  }

  @Override
  public Verdict observe(long eventTimeMillis, double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("value must be finite, got " + value);
    }
    seen++;
    boolean learning = seen <= settings.warmupRows();
    int hour =
        (int) Math.floorMod(Math.floorDiv(eventTimeMillis, HOUR_MILLIS), (long) HOURS_PER_DAY);
    // The floor keeps flat series (and the hourly profile's float rounding) from turning ~0
    // differences into alarms.
    double spreadFloor =
        Math.max(
            settings.spreadFloorShare() * (range.max() - range.min()),
            Math.max(FLOAT_RESOLUTION * Math.abs(value), Double.MIN_NORMAL));
    double fromRecent = twoSidedSurprise(recent.deviations(value, spreadFloor));
    double fromDaily = twoSidedSurprise(daily.deviations(hour, value, spreadFloor));
    double raw = blend.raw(fromRecent, fromDaily, spreadFloor);
    if (recent.started()) {
      blend.learnRecent(value - recent.mean());
    }
    if (daily.hasSeen(hour)) {
      blend.learnDaily(value - daily.mean(hour));
    }

    boolean outsideRange = !learning && range.isFarOutside(value, settings.spatialTolerance());
    // The likelihood and the level-shift view learn during warm-up too; only their output is
    // withheld.
    double likely = likelihood.score(raw);
    double shiftScore = shift == null ? 0.0 : shift.score(value);
    double shifted = learning ? 0.0 : shiftScore;
    boolean levelShifted = shifted > likely && !outsideRange;
    double others = learning ? 0.0 : outsideRange ? 1.0 : likely;
    double score = Math.max(others, shifted);
    // The level-shift view starts a rest only when it reports: its CUSUM passes through the rest
    // trigger on the way to the alert threshold, and a rest started there would swallow its alert.
    boolean shiftReported = shifted >= alertThreshold;
    if (restLeft > 0) {
      restLeft--;
      score *= settings.restDamping();
    } else if (shiftReported || others >= settings.restTrigger()) {
      restLeft = settings.restRows();
    }
    if (shiftReported) {
      // Also inside a rest period another view started: the same incident, reported once.
      shift.hold();
    }
    Verdict verdict =
        new Verdict(
            score,
            episode.alerts(score),
            recent.mean() - EXPECTED_SPREADS * recent.spread(),
            recent.mean() + EXPECTED_SPREADS * recent.spread(),
            reason(score, outsideRange, levelShifted, fromRecent, fromDaily));

    range.include(value);
    recent.learn(value);
    daily.learn(hour, value);
    return verdict;
  }

  /**
   * Probability mass closer to the centre than {@code deviations}: 0 at the centre, towards 1 far
   * out.
   */
  private static double twoSidedSurprise(double deviations) {
    // NaN only arises from infinity / infinity (astronomic values): as surprising as it gets.
    return Double.isNaN(deviations) ? 1.0 : 1.0 - 2.0 * GaussianTail.q(deviations);
  }

  private String reason(
      double score,
      boolean outsideRange,
      boolean levelShifted,
      double fromRecent,
      double fromDaily) {
    if (score < settings.restTrigger()) {
      return "";
    }
    if (outsideRange) {
      return "value outside the range seen so far";
    }
    if (levelShifted) {
      return "level moved away from its baseline and stays there";
    }
    return fromRecent >= fromDaily
        ? "value far from its recent level"
        : "value unusual for this hour of the day";
  }

  @Override
  public byte[] snapshot() {
    ByteBuffer out = ByteBuffer.allocate(4096);
    out.put(shift == null ? FORMAT : FORMAT_WITH_SHIFT)
        .put((byte) (episode.inEpisode() ? 1 : 0))
        .putLong(seen)
        .putInt(restLeft);
    range.write(out);
    recent.write(out);
    daily.write(out);
    blend.write(out);
    likelihood.write(out);
    if (shift != null) {
      shift.write(out);
    }
    byte[] state = new byte[out.position()];
    out.flip().get(state);
    return state;
  }

  static ReflexDetector restore(Settings settings, double alertThreshold, byte[] snapshot) {
    ByteBuffer in = ByteBuffer.wrap(snapshot);
    byte format = in.get();
    boolean beforeBlend =
        format == FORMAT - BEFORE_BLEND || format == FORMAT_WITH_SHIFT - BEFORE_BLEND;
    if (beforeBlend) {
      format += BEFORE_BLEND;
    }
    if (format != FORMAT && format != FORMAT_WITH_SHIFT) {
      throw new IllegalArgumentException(
          "not a snapshot of this ReflexDetector (format " + format + ")");
    }
    ReflexDetector d = new ReflexDetector(settings, alertThreshold, format == FORMAT_WITH_SHIFT);
    d.episode.restore(in.get() == 1);
    d.seen = in.getLong();
    d.restLeft = in.getInt();
    d.range.read(in);
    d.recent.read(in);
    d.daily.read(in);
    if (!beforeBlend) {
      d.blend.read(in);
    }
    d.likelihood.read(in);
    if (d.shift != null) {
      d.shift.read(in);
    }
    if (in.hasRemaining()) {
      throw new IllegalArgumentException(
          "snapshot has " + in.remaining() + " unexpected trailing bytes");
    }
    return d;
  }
}
