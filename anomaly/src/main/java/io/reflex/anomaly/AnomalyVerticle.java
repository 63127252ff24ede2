package io.reflex.anomaly;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.reflex.anomaly.detector.Verdict;
import io.reflex.anomaly.series.RateBucketer;
import io.reflex.anomaly.series.SeriesGroup;
import io.reflex.anomaly.series.SeriesGroups;
import io.reflex.common.bus.Addresses;
import io.reflex.common.bus.Outputs;
import io.reflex.common.event.CloudEvent;
import io.reflex.common.event.EventBatch;
import io.reflex.common.event.EventIds;
import io.reflex.common.ops.MeshContext;
import io.reflex.common.pattern.PatternMatcher;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * Scores the events the rules deliver, per series and on event time, for every configured series group
 * ({@code anomaly.series}): each point gets {@code reflex.anomaly.scored}, and each anomalous episode one
 * {@code reflex.anomaly.detected}. A value group scores a number carried by each event; a rate group scores how many
 * events arrived per time bucket, a point per closed bucket.
 */
public final class AnomalyVerticle extends VerticleBase {

  static final String SOURCE = "reflex://anomaly";
  static final String SCORED = "reflex.anomaly.scored";
  static final String DETECTED = "reflex.anomaly.detected";
  /** How often rate series that went quiet are checked for buckets to close. */
  private static final long QUIET_CHECK_MS = 1000;

  private List<SeriesGroup> groups;
  private final PatternMatcher<Integer> matcher = new PatternMatcher<>();
  private SeriesStates states;
  private Counter unscorable;
  private long latestEventTime = Long.MIN_VALUE;

  @Override
  public Future<?> start() {
    JsonObject config = config();
    try {
      groups = SeriesGroups.parse(config.getJsonArray("series"));
    } catch (IllegalArgumentException | ClassCastException e) {
      return Future.failedFuture(new IllegalArgumentException("anomaly configuration refused: " + e.getMessage(), e));
    }
    for (int i = 0; i < groups.size(); i++) {
      matcher.add(i, groups.get(i).pattern());
    }
    states = new SeriesStates(config.getInteger("maxSeries", 100_000), config.getLong("idleSeriesMinutes", 1440L) * 60_000);
    MeterRegistry meters = MeshContext.meters(config);
    unscorable = Counter.builder("reflex_anomaly_unscorable_events").register(meters);
    Gauge.builder("reflex_anomaly_series", states, SeriesStates::size).register(meters);
    vertx.setPeriodic(QUIET_CHECK_MS, id -> closeQuietBuckets());
    vertx.setPeriodic(60_000, id -> states.expire(latestEventTime));
    return vertx.eventBus().<EventBatch>consumer(Addresses.ANOMALY_SCORE, this::score).completion();
  }

  private void score(Message<EventBatch> message) {
    for (CloudEvent event : message.body().events()) {
      List<Integer> matched = matcher.match(event.encode());
      if (matched.isEmpty()) {
        unscorable.increment();
      }
      for (int index : matched) {
        feed(groups.get(index), event);
      }
    }
  }

  private void feed(SeriesGroup group, CloudEvent event) {
    String id = group.seriesId(event.json());
    Object value = group.kind() == SeriesGroup.Kind.VALUE ? group.field().resolve(event.json()) : null;
    if (id == null || (group.kind() == SeriesGroup.Kind.VALUE && !(value instanceof Number))) {
      unscorable.increment();
      return;
    }
    long time = event.timeMillis();
    latestEventTime = Math.max(latestEventTime, time);
    SeriesStates.Series series = states.seriesFor(group, id, time);
    if (series.bucketer == null) {
      point(series, time, ((Number) value).doubleValue(), event);
      return;
    }
    CloudEvent previous = series.lastEvent;
    for (RateBucketer.Bucket bucket : series.bucketer.add(time)) {
      point(series, bucket.startMillis(), bucket.count(), previous == null ? event : previous);
    }
    series.lastEvent = event;
  }

  /**
   * A bucket normally closes when the series' next event falls past it (event time). A series that goes quiet gets
   * no such event, so its event time is advanced by the wall-clock time since its last event: a live stream's burst
   * is scored a bucket later even if nothing follows it, while a replay (fast in wall-clock terms) is unaffected.
   */
  private void closeQuietBuckets() {
    long now = System.currentTimeMillis();
    states.forEachRateSeries(series -> {
      long quiet = now - series.lastArrival;
      if (quiet >= series.group.bucketMillis()) {
        for (RateBucketer.Bucket bucket : series.bucketer.advanceTo(series.lastSeen + quiet)) {
          point(series, bucket.startMillis(), bucket.count(), series.lastEvent);
        }
      }
    });
  }

  private void point(SeriesStates.Series series, long time, double value, CloudEvent cause) {
    Verdict verdict = series.detector.observe(time, value);
    Outputs.emit(vertx, output(SCORED, series, time, value, verdict, cause));
    if (verdict.alert()) {
      Outputs.emit(vertx, output(DETECTED, series, time, value, verdict, cause));
    }
  }

  private static CloudEvent output(String type, SeriesStates.Series series, long time, double value, Verdict verdict,
                                   CloudEvent cause) {
    JsonObject data = new JsonObject()
        .put("series", series.id)
        .put("group", series.group.name())
        .put("value", value)
        .put("score", verdict.score())
        .put("expected", new JsonObject().put("low", finite(verdict.expectedLow())).put("high", finite(verdict.expectedHigh())));
    if (type.equals(DETECTED)) {
      data.put("reason", verdict.reason());
    }
    return CloudEvent.builder()
        .id(EventIds.derived(type + '/' + series.group.name() + '/' + time, cause))
        .source(SOURCE)
        .type(type)
        .subject(series.id)
        .time(time)
        .causedBy(cause)
        .data(data)
        .build();
  }

  /** JSON has no NaN or infinity: a detector still learning has no expected range yet. */
  private static Double finite(double value) {
    return Double.isFinite(value) ? value : null;
  }
}
