package io.reflex.anomaly;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.reflex.anomaly.detector.Verdict;
import io.reflex.anomaly.series.RateBucketer;
import io.reflex.anomaly.series.SeriesGroup;
import io.reflex.common.bus.Addresses;
import io.reflex.common.bus.Outputs;
import io.reflex.common.event.CloudEvent;
import io.reflex.common.event.EventBatch;
import io.reflex.common.event.EventIds;
import io.reflex.common.ops.MeshContext;
import io.reflex.common.pattern.PatternMatcher;
import io.reflex.common.placement.KeyOwners;
import io.reflex.common.state.StateStores;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Scores the events the rules deliver, per series and on event time, for every configured series
 * group ({@code anomaly.series}): each point gets {@code reflex.anomaly.scored}, and each anomalous
 * episode one {@code reflex.anomaly.detected}. A value group scores a number carried by each event;
 * a rate group scores how many events arrived per time bucket, a point per closed bucket.
 *
 * <p>The router sends each event to the replica that owns its key ({@link KeyOwners}), which keeps
 * its value series' detectors as live objects ({@link LiveSeries}) and, in a cluster, snapshots
 * them to the keyed-state store so that another replica continues them when it leaves, dies or
 * hands them over. Rate series are counted in this replica's memory ({@link SeriesStates}).
 */
public final class AnomalyVerticle extends VerticleBase {

  static final String SERVICE = "anomaly";
  static final String SOURCE = "reflex://anomaly";
  static final String SCORED = "reflex.anomaly.scored";
  static final String DETECTED = "reflex.anomaly.detected";
  private static final Logger LOG = Logger.getLogger(AnomalyVerticle.class.getName());

  /** How often rate series that went quiet are checked for buckets to close. */
  private static final long QUIET_CHECK_MS = 1000;

  private List<SeriesGroup> groups;
  private final PatternMatcher<Integer> matcher = new PatternMatcher<>();
  private SeriesStates states;
  private LiveSeries detectors;
  private KeyOwners owners;
  private Counter unscorable;
  private Counter scored;
  private Counter unavailable;
  private Counter repeated;
  private long latestEventTime = Long.MIN_VALUE;

  @Override
  public Future<?> start() {
    JsonObject config = config();
    AnomalySettings settings;
    try {
      settings = AnomalySettings.from(config);
      groups = settings.series();
    } catch (IllegalArgumentException | ClassCastException e) {
      return Future.failedFuture(
          new IllegalArgumentException("anomaly configuration refused: " + e.getMessage(), e));
    }
    for (int i = 0; i < groups.size(); i++) {
      matcher.add(i, groups.get(i).pattern());
    }
    states = new SeriesStates(settings.maxSeries(), settings.idleSeriesMillis());
    MeterRegistry meters = MeshContext.meters(config);
    unscorable = Counter.builder("reflex_anomaly_unscorable_events").register(meters);
    scored = Counter.builder("reflex_anomaly_scored_points").register(meters);
    unavailable = Counter.builder("reflex_anomaly_unavailable_points").register(meters);
    repeated =
        Counter.builder("reflex_anomaly_repeated_points")
            .description(
                "logged points delivered again (a router retried) and recognised, not observed twice")
            .register(meters);
    detectors = new LiveSeries(StateStores.of(vertx), vertx.isClustered(), settings.maxSeries());
    owners = KeyOwners.watch(vertx, SERVICE, settings.ownersRefreshMillis());
    owners.onChange(() -> detectors.release(owners::ownedHere));
    Gauge.builder("reflex_anomaly_series", states, SeriesStates::size).register(meters);
    Gauge.builder("reflex_anomaly_value_series", detectors, LiveSeries::size)
        .description("value series whose detectors this replica owns and keeps in memory")
        .register(meters);
    vertx.setPeriodic(QUIET_CHECK_MS, id -> closeQuietBuckets());
    vertx.setPeriodic(60_000, id -> states.expire(latestEventTime));
    if (vertx.isClustered()) {
      vertx.setPeriodic(settings.snapshotMillis(), id -> detectors.flush());
    }
    List<Future<?>> consumers = new ArrayList<>();
    consumers.add(
        vertx.eventBus().<EventBatch>consumer(Addresses.ANOMALY_SCORE, this::score).completion());
    if (owners.distributed()) {
      // Where the router sends the events whose keys this replica owns.
      consumers.add(
          vertx
              .eventBus()
              .<EventBatch>consumer(
                  Addresses.ofMember(Addresses.ANOMALY_SCORE, owners.self()), this::score)
              .completion());
    }
    return Future.all(consumers);
  }

  /** Hands every series over: a replica leaving on purpose loses nothing it scored. */
  @Override
  public Future<?> stop() {
    owners.close();
    return detectors.flush();
  }

  /**
   * Scores a delivered batch. A router that asked for a reply (durable mode) gets the outputs back
   * and emits them once its commit covers them; otherwise each output goes out as soon as it is
   * known.
   */
  private void score(Message<EventBatch> message) {
    EventBatch batch = message.body();
    List<CloudEvent> outputs = new ArrayList<>();
    Map<String, ValuePoints> valueSeries = new LinkedHashMap<>();
    for (int e = 0; e < batch.size(); e++) {
      CloudEvent event = batch.events().get(e);
      List<Integer> matched = matcher.match(event);
      if (matched.isEmpty()) {
        unscorable.increment();
      }
      for (int index : matched) {
        feed(groups.get(index), event, batch.position(e), valueSeries, outputs);
      }
    }
    List<Future<List<CloudEvent>>> scoring = new ArrayList<>(valueSeries.size());
    valueSeries.forEach((key, points) -> scoring.add(scoreStored(key, points)));
    if (!Outputs.wanted(message)) {
      // Scoring completes at once unless a series' snapshot is being read; the outputs then go out
      // together.
      Future.join(scoring)
          .onComplete(
              done -> {
                scoring.stream()
                    .filter(Future::succeeded)
                    .forEach(scored -> outputs.addAll(scored.result()));
                Outputs.emitAll(vertx, outputs);
                if (message.replyAddress() != null) {
                  message.reply(
                      new EventBatch(
                          List.of())); // the router's acknowledgement (cluster, fast mode)
                }
              });
      return;
    }
    // Durable mode: the router commits once this reply arrives, so the state behind it must be
    // where a successor reads.
    Future.all(scoring)
        .compose(scored -> detectors.flush())
        .onComplete(
            done -> {
              if (done.failed()) {
                message.fail(503, "points not scored: " + done.cause().getMessage());
                return;
              }
              scoring.forEach(scored -> outputs.addAll(scored.result()));
              message.reply(new EventBatch(outputs));
            });
  }

  private void feed(
      SeriesGroup group,
      CloudEvent event,
      long position,
      Map<String, ValuePoints> valueSeries,
      List<CloudEvent> outputs) {
    String id = group.seriesId(event.json());
    Object value =
        group.kind() == SeriesGroup.Kind.VALUE ? group.field().resolve(event.json()) : null;
    if (id == null || (group.kind() == SeriesGroup.Kind.VALUE && !(value instanceof Number))) {
      unscorable.increment();
      return;
    }
    long time = event.timeMillis();
    latestEventTime = Math.max(latestEventTime, time);
    if (group.kind() == SeriesGroup.Kind.VALUE) {
      valueSeries
          .computeIfAbsent(group.name() + '\u0000' + id, key -> new ValuePoints(group, id))
          .add(event, ((Number) value).doubleValue(), position);
      return;
    }
    SeriesStates.Series series = states.seriesFor(group, id, time);
    if (series.applied.applied(position)) {
      repeated.increment(); // a retried delivery: this event is counted already
      return;
    }
    series.applied.record(position);
    CloudEvent previous = series.lastEvent;
    for (RateBucketer.Bucket bucket : series.bucketer.add(time)) {
      point(
          series,
          bucket.startMillis(),
          bucket.count(),
          previous == null ? event : previous,
          outputs);
    }
    series.lastEvent = event;
  }

  /**
   * A bucket normally closes when the series' next event falls past it (event time). A series that
   * goes quiet gets no such event, so its event time is advanced by the wall-clock time since its
   * last event: a live stream's burst is scored a bucket later even if nothing follows it, while a
   * replay (fast in wall-clock terms) is unaffected.
   */
  private void closeQuietBuckets() {
    long now = System.currentTimeMillis();
    List<CloudEvent> outputs = new ArrayList<>();
    states.forEachRateSeries(
        series -> {
          long quiet = now - series.lastArrival;
          if (quiet >= series.group.bucketMillis()) {
            for (RateBucketer.Bucket bucket : series.bucketer.advanceTo(series.lastSeen + quiet)) {
              point(series, bucket.startMillis(), bucket.count(), series.lastEvent, outputs);
            }
          }
        });
    Outputs.emitAll(vertx, outputs);
  }

  /** One store update for the batch's points of one value series, run where its detector lives. */
  private Future<List<CloudEvent>> scoreStored(String key, ValuePoints points) {
    int count = points.events.size();
    SeriesPoints series = points.points();
    String routingKey = KeyOwners.keyOf(points.events.get(count - 1));
    return detectors
        .observe(key, routingKey, points.group.sensitivity(), series)
        .map(
            result -> {
              List<Verdict> verdicts = result.verdicts();
              repeated.increment(result.repeated());
              int forgotten = 0;
              for (Verdict verdict : verdicts) {
                forgotten += verdict == null ? 1 : 0;
              }
              if (forgotten > 0) {
                // Their outputs went out long ago, or a retry came later than the kept verdicts
                // reach back.
                LOG.warning(
                    "series "
                        + points.id
                        + ": "
                        + forgotten
                        + " repeated point(s) of "
                        + count
                        + " no longer have their verdicts kept; no output is sent again for them");
              }
              List<CloudEvent> outputs = new ArrayList<>(count + 1);
              for (int i = 0; i < count; i++) {
                if (verdicts.get(i) != null) {
                  outputs(
                      points.group,
                      points.id,
                      points.times[i],
                      points.values[i],
                      verdicts.get(i),
                      points.events.get(i),
                      outputs);
                }
              }
              scored.increment(count);
              return outputs;
            })
        .onFailure(
            failure -> {
              unavailable.increment(count);
              LOG.warning(
                  "series " + points.id + ": " + count + " point(s) not scored: " + failure);
            });
  }

  private void point(
      SeriesStates.Series series,
      long time,
      double value,
      CloudEvent cause,
      List<CloudEvent> outputs) {
    outputs(
        series.group, series.id, time, value, series.detector.observe(time, value), cause, outputs);
  }

  private static void outputs(
      SeriesGroup group,
      String id,
      long time,
      double value,
      Verdict verdict,
      CloudEvent cause,
      List<CloudEvent> outputs) {
    outputs.add(output(SCORED, group, id, time, value, verdict, cause));
    if (verdict.alert()) {
      outputs.add(output(DETECTED, group, id, time, value, verdict, cause));
    }
  }

  private static CloudEvent output(
      String type,
      SeriesGroup group,
      String id,
      long time,
      double value,
      Verdict verdict,
      CloudEvent cause) {
    JsonObject data =
        new JsonObject()
            .put("series", id)
            .put("group", group.name())
            .put("value", value)
            .put("score", verdict.score())
            .put(
                "expected",
                new JsonObject()
                    .put("low", finite(verdict.expectedLow()))
                    .put("high", finite(verdict.expectedHigh())));
    if (type.equals(DETECTED)) {
      data.put("reason", verdict.reason());
    }
    return CloudEvent.builder()
        .id(EventIds.derived(type + '/' + group.name() + '/' + time, cause))
        .source(SOURCE)
        .type(type)
        .subject(id)
        .time(time)
        .causedBy(cause)
        .data(data)
        .build();
  }

  /**
   * The points of one value series in one batch, in arrival order, in arrays the detector reads as
   * they are (most batches hold one point of a series: arrays of one, no boxed numbers).
   */
  private static final class ValuePoints {
    final SeriesGroup group;
    final String id;
    final List<CloudEvent> events = new ArrayList<>(1);
    long[] times = new long[1];
    double[] values = new double[1];
    long[] positions = new long[1];

    ValuePoints(SeriesGroup group, String id) {
      this.group = group;
      this.id = id;
    }

    void add(CloudEvent event, double value, long position) {
      int at = events.size();
      if (at == values.length) {
        resize(at * 2);
      }
      events.add(event);
      times[at] = event.timeMillis();
      values[at] = value;
      positions[at] = position;
    }

    /** The points for the detector: arrays of exactly their count. */
    SeriesPoints points() {
      if (values.length != events.size()) {
        resize(events.size());
      }
      return new SeriesPoints(times, values, positions);
    }

    private void resize(int capacity) {
      times = Arrays.copyOf(times, capacity);
      values = Arrays.copyOf(values, capacity);
      positions = Arrays.copyOf(positions, capacity);
    }
  }

  /** JSON has no NaN or infinity: a detector still learning has no expected range yet. */
  private static Double finite(double value) {
    return Double.isFinite(value) ? value : null;
  }
}
