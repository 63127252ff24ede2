package io.reflex.anomaly;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.reflex.anomaly.detector.Detector;
import io.reflex.anomaly.detector.Sensitivity;
import io.reflex.anomaly.detector.Verdict;
import io.reflex.common.bus.Addresses;
import io.reflex.common.bus.Outputs;
import io.reflex.common.event.CloudEvent;
import io.reflex.common.event.EventBatch;
import io.reflex.common.event.EventIds;
import io.reflex.common.ops.MeshContext;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;

/**
 * Scores every metric point the rules deliver, per series, on event time: emits {@code reflex.anomaly.scored} for
 * each point and {@code reflex.anomaly.detected} once per anomalous episode.
 *
 * <p>Convention ({@code reflex.metric}): {@code subject} names the series, {@code data.value} holds the number.
 */
public final class AnomalyVerticle extends VerticleBase {

  static final String SOURCE = "reflex://anomaly";
  static final String SCORED = "reflex.anomaly.scored";
  static final String DETECTED = "reflex.anomaly.detected";

  private SeriesDetectors detectors;
  private String valueField;
  private Counter unscorable;
  private long latestEventTime = Long.MIN_VALUE;

  @Override
  public Future<?> start() {
    JsonObject config = config();
    valueField = config.getString("valueField", "value");
    Sensitivity sensitivity = Sensitivity.valueOf(
        config.getString("sensitivity", "standard").toUpperCase().replace('-', '_'));
    detectors = new SeriesDetectors(sensitivity, config.getInteger("maxSeries", 100_000),
        config.getLong("idleSeriesMinutes", 1440L) * 60_000);
    MeterRegistry meters = MeshContext.meters(config);
    unscorable = Counter.builder("reflex_anomaly_unscorable_points").register(meters);
    Gauge.builder("reflex_anomaly_series", detectors, SeriesDetectors::size).register(meters);
    vertx.setPeriodic(60_000, id -> detectors.expire(latestEventTime));
    return vertx.eventBus().<EventBatch>consumer(Addresses.ANOMALY_SCORE, this::score).completion();
  }

  private void score(Message<EventBatch> message) {
    for (CloudEvent event : message.body().events()) {
      String series = event.subject();
      JsonObject data = event.dataObject();
      Object value = data == null ? null : data.getValue(valueField);
      if (series == null || !(value instanceof Number number)) {
        unscorable.increment();
        continue;
      }
      long time = event.timeMillis();
      latestEventTime = Math.max(latestEventTime, time);
      Detector detector = detectors.detectorFor(series, time);
      Verdict verdict = detector.observe(time, number.doubleValue());
      Outputs.emit(vertx, output(SCORED, series, number.doubleValue(), verdict, event));
      if (verdict.alert()) {
        Outputs.emit(vertx, output(DETECTED, series, number.doubleValue(), verdict, event));
      }
    }
  }

  private static CloudEvent output(String type, String series, double value, Verdict verdict, CloudEvent cause) {
    JsonObject data = new JsonObject()
        .put("series", series)
        .put("value", value)
        .put("score", verdict.score())
        .put("expected", new JsonObject().put("low", finite(verdict.expectedLow())).put("high", finite(verdict.expectedHigh())));
    if (type.equals(DETECTED)) {
      data.put("reason", verdict.reason());
    }
    return CloudEvent.builder()
        .id(EventIds.derived(type, cause))
        .source(SOURCE)
        .type(type)
        .subject(series)
        .time(cause.timeMillis())
        .causedBy(cause)
        .data(data)
        .build();
  }

  /** JSON has no NaN or infinity: a detector still learning has no expected range yet. */
  private static Double finite(double value) {
    return Double.isFinite(value) ? value : null;
  }
}
