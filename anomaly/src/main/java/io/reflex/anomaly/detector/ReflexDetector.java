package io.reflex.anomaly.detector;

import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * The default detector. Three cheap views of each value are blended into a raw surprise:
 * <ul>
 *   <li>deviation from the recent (exponentially weighted) level, in recent spreads;</li>
 *   <li>sequence surprise: how rarely this coarse level followed the previous two levels;</li>
 *   <li>daily surprise: how rarely this level occurs at this hour of the day.</li>
 * </ul>
 * The raw surprise is calibrated per series by {@link AnomalyLikelihood}, a value far outside the range seen so far
 * scores 1, and after a score at the rest trigger the following scores are damped for a rest period so one incident
 * yields one alert, not a burst. O(levels) work per value, fixed-size state of about 2 KB.
 */
final class ReflexDetector implements Detector {
  private static final byte FORMAT = 1;
  private static final long HOUR_MILLIS = Duration.ofHours(1).toMillis();
  private static final int HOURS = 24;

  private final Settings settings;
  private final AlertEpisode episode;
  private final RunningRange range = new RunningRange();
  private final RecentLevel recent;
  private final LevelCounts transitions;
  private final LevelCounts hourly;
  private final AnomalyLikelihood likelihood;
  private long seen;
  private int previousLevel;
  private int levelBefore;
  private int restLeft;

  ReflexDetector(Settings settings, double alertThreshold) {
    this.settings = settings;
    this.episode = new AlertEpisode(alertThreshold);
    this.recent = new RecentLevel(settings.levelAlpha());
    this.transitions = new LevelCounts(settings.levels() * settings.levels(), settings.levels());
    this.hourly = new LevelCounts(HOURS, settings.levels());
    this.likelihood = new AnomalyLikelihood(settings.averageOver(), settings.likelihoodAlpha());
  }

  @Override
  public Verdict observe(long eventTimeMillis, double value) {
    seen++;
    boolean learning = seen <= settings.warmupRows();
    int levels = settings.levels();
    int level = range.level(value, levels);
    int context = levelBefore * levels + previousLevel;
    int hour = (int) Math.floorMod(eventTimeMillis / HOUR_MILLIS, (long) HOURS);

    double spreadFloor = Math.max(settings.spreadFloorShare() * (range.max() - range.min()), 1e-12);
    double deviation = 1.0 - 2.0 * GaussianTail.q(recent.deviations(value, spreadFloor));
    double sequence = transitions.surprise(context, level) * transitions.confidence(context);
    double daily = hourly.surprise(hour, level) * hourly.confidence(hour);
    double raw = (settings.weightDeviation() * deviation + settings.weightSequence() * sequence
        + settings.weightHour() * daily)
        / (settings.weightDeviation() + settings.weightSequence() + settings.weightHour());

    boolean outsideRange = !learning && range.isFarOutside(value, settings.spatialTolerance());
    double score = outsideRange ? 1.0 : likelihood.score(raw, learning);
    if (learning) {
      score = 0.0;
    }
    if (restLeft > 0) {
      restLeft--;
      score *= settings.restDamping();
    } else if (score >= settings.restTrigger()) {
      restLeft = settings.restRows();
    }
    String reason = reason(score, outsideRange, deviation, sequence, daily);
    double low = recent.mean() - 3 * recent.spread();
    double high = recent.mean() + 3 * recent.spread();

    range.include(value);
    recent.learn(value);
    transitions.learn(context, level);
    hourly.learn(hour, level);
    levelBefore = previousLevel;
    previousLevel = level;
    return new Verdict(score, episode.alerts(score), low, high, reason);
  }

  private String reason(double score, boolean outsideRange, double deviation, double sequence, double daily) {
    if (score < settings.restTrigger()) {
      return "";
    }
    if (outsideRange) {
      return "value outside the range seen so far";
    }
    if (deviation >= sequence && deviation >= daily) {
      return "value far from its recent level";
    }
    return sequence >= daily ? "unusual sequence of values" : "unusual value for this time of day";
  }

  @Override
  public byte[] snapshot() {
    ByteBuffer out = ByteBuffer.allocate(4096);
    out.put(FORMAT).put((byte) (episode.inEpisode() ? 1 : 0));
    out.putLong(seen).putInt(previousLevel).putInt(levelBefore).putInt(restLeft);
    range.write(out);
    recent.write(out);
    transitions.write(out);
    hourly.write(out);
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
    d.previousLevel = in.getInt();
    d.levelBefore = in.getInt();
    d.restLeft = in.getInt();
    d.range.read(in);
    d.recent.read(in);
    d.transitions.read(in);
    d.hourly.read(in);
    d.likelihood.read(in);
    return d;
  }
}
