package io.reflex.anomaly.detector;

import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * The default detector. Two cheap views of each value are blended into a raw surprise: its distance
 * from the recent (exponentially weighted) level, and its distance from what is normal at this hour
 * of the day. The raw surprise is calibrated per series by {@link AnomalyLikelihood}; a value well
 * outside the range seen so far scores 1; after a score at the rest trigger the next scores are
 * damped for a rest period, so one incident yields one high score, not a burst of false positives.
 * O(1) work per value, fixed state under 1 KB.
 */
final class ReflexDetector implements Detector {
  private static final byte FORMAT = 1;
  private static final long HOUR_MILLIS = Duration.ofHours(1).toMillis();
  private static final int HOURS_PER_DAY = 24;

  /** Half-width of the expected range reported with each verdict, in recent spreads. */
  private static final double EXPECTED_SPREADS = 3.0;

  private static final double FLOAT_RESOLUTION = 1e-6;

  private final Settings settings;
  private final AlertEpisode episode;
  private final RunningRange range = new RunningRange();
  private final RecentLevel recent;
  private final SeasonalProfile daily;
  private final AnomalyLikelihood likelihood;
  private long seen;
  private int restLeft;

  ReflexDetector(Settings settings, double alertThreshold) {
    this.settings = settings;
    this.episode = new AlertEpisode(alertThreshold);
    this.recent = new RecentLevel(settings.recentAlpha());
    this.daily = new SeasonalProfile(HOURS_PER_DAY, settings.seasonalAlpha());
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
    double raw =
        (settings.weightRecent() * fromRecent + settings.weightSeasonal() * fromDaily)
            / (settings.weightRecent() + settings.weightSeasonal());

    boolean outsideRange = !learning && range.isFarOutside(value, settings.spatialTolerance());
    // The likelihood learns during warm-up too; only its output is withheld.
    double calibrated = likelihood.score(raw);
    double score = learning ? 0.0 : outsideRange ? 1.0 : calibrated;
    if (restLeft > 0) {
      restLeft--;
      score *= settings.restDamping();
    } else if (score >= settings.restTrigger()) {
      restLeft = settings.restRows();
    }
    Verdict verdict =
        new Verdict(
            score,
            episode.alerts(score),
            recent.mean() - EXPECTED_SPREADS * recent.spread(),
            recent.mean() + EXPECTED_SPREADS * recent.spread(),
            reason(score, outsideRange, fromRecent, fromDaily));

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

  private String reason(double score, boolean outsideRange, double fromRecent, double fromDaily) {
    if (score < settings.restTrigger()) {
      return "";
    }
    if (outsideRange) {
      return "value outside the range seen so far";
    }
    return fromRecent >= fromDaily
        ? "value far from its recent level"
        : "value unusual for this hour of the day";
  }

  @Override
  public byte[] snapshot() {
    ByteBuffer out = ByteBuffer.allocate(4096);
    out.put(FORMAT).put((byte) (episode.inEpisode() ? 1 : 0)).putLong(seen).putInt(restLeft);
    range.write(out);
    recent.write(out);
    daily.write(out);
    likelihood.write(out);
    byte[] state = new byte[out.position()];
    out.flip().get(state);
    return state;
  }

  static ReflexDetector restore(Settings settings, double alertThreshold, byte[] snapshot) {
    ByteBuffer in = ByteBuffer.wrap(snapshot);
    if (in.get() != FORMAT) {
      throw new IllegalArgumentException("not a ReflexDetector snapshot");
    }
    ReflexDetector d = new ReflexDetector(settings, alertThreshold);
    d.episode.restore(in.get() == 1);
    d.seen = in.getLong();
    d.restLeft = in.getInt();
    d.range.read(in);
    d.recent.read(in);
    d.daily.read(in);
    d.likelihood.read(in);
    if (in.hasRemaining()) {
      throw new IllegalArgumentException(
          "snapshot has " + in.remaining() + " unexpected trailing bytes");
    }
    return d;
  }
}
