package io.reflex.anomaly;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.reflex.anomaly.detector.Sensitivity;
import io.reflex.anomaly.detector.Verdict;
import io.reflex.common.bus.Addresses;
import io.reflex.common.bus.Outputs;
import io.reflex.common.event.CloudEvent;
import io.reflex.common.event.EventBatch;
import io.reflex.common.event.EventIds;
import io.reflex.common.ops.MeshContext;
import io.reflex.common.state.KeyedStateStore;
import io.reflex.common.state.StateStores;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

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
  private static final Logger LOG = Logger.getLogger(AnomalyVerticle.class.getName());

  private KeyedStateStore detectors;
  private Sensitivity sensitivity;
  private String valueField;
  private Counter unscorable;
  private Counter scored;
  private Counter unavailable;

  @Override
  public Future<?> start() {
    JsonObject config = config();
    valueField = config.getString("valueField", "value");
    sensitivity = Sensitivity.valueOf(config.getString("sensitivity", "standard").toUpperCase().replace('-', '_'));
    detectors = StateStores.of(vertx);
    MeterRegistry meters = MeshContext.meters(config);
    unscorable = Counter.builder("reflex_anomaly_unscorable_points").register(meters);
    scored = Counter.builder("reflex_anomaly_scored_points").register(meters);
    unavailable = Counter.builder("reflex_anomaly_unavailable_points").register(meters);
    return vertx.eventBus().<EventBatch>consumer(Addresses.ANOMALY_SCORE, this::score).completion();
  }

  /** One store update per series in the batch: the series' detector observes its points where its state lives. */
  private void score(Message<EventBatch> message) {
    Map<String, List<CloudEvent>> bySeries = new LinkedHashMap<>();
    for (CloudEvent event : message.body().events()) {
      if (value(event) == null) {
        unscorable.increment();
      } else {
        bySeries.computeIfAbsent(event.subject(), s -> new ArrayList<>()).add(event);
      }
    }
    bySeries.forEach(this::score);
  }

  private void score(String series, List<CloudEvent> points) {
    long[] times = new long[points.size()];
    double[] values = new double[points.size()];
    for (int i = 0; i < values.length; i++) {
      times[i] = points.get(i).timeMillis();
      values[i] = value(points.get(i));
    }
    detectors.update(SeriesPoints.MAP, series, new SeriesPoints(sensitivity, times, values))
        .onSuccess(verdicts -> {
          for (int i = 0; i < values.length; i++) {
            emit(series, values[i], verdicts.get(i), points.get(i));
          }
          scored.increment(values.length);
        })
        .onFailure(failure -> {
          unavailable.increment(values.length);
          LOG.warning("series " + series + ": " + values.length + " point(s) not scored: " + failure);
        });
  }

  private void emit(String series, double value, Verdict verdict, CloudEvent cause) {
    Outputs.emit(vertx, output(SCORED, series, value, verdict, cause));
    if (verdict.alert()) {
      Outputs.emit(vertx, output(DETECTED, series, value, verdict, cause));
    }
  }

  /** The point's value, or null when the event names no series or carries no number. */
  private Double value(CloudEvent event) {
    JsonObject data = event.dataObject();
    Object value = data == null ? null : data.getValue(valueField);
    return event.subject() != null && value instanceof Number number ? number.doubleValue() : null;
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
