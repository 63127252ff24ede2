package io.reflex.gateway;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.reflex.common.bus.Codecs;
import io.reflex.common.event.CloudEvent;
import io.reflex.common.event.EventError;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Hands events from any front door (WebSocket, HTTP) to ingestion and returns one result per
 * submitted item, in order. Items that are not JSON objects are rejected here without a trip to
 * ingestion; when ingestion does not answer in time, every event of the batch is reported {@code
 * unavailable}, never silently accepted.
 */
public final class Publisher {

  private final IngestionBatches batches;
  private final long timeoutMs;
  private final Timer ackLatency;

  /**
   * @param maxEventsPerPublish the most events one publish may carry, and so the largest batch that
   *     several publishes are gathered into on their way to ingestion
   * @param lingerMs how long a batch for ingestion waits for more publishes after its first; 0:
   *     only the publishes of one event-loop turn travel together
   */
  public Publisher(
      Vertx vertx, long timeoutMs, int maxEventsPerPublish, long lingerMs, MeterRegistry meters) {
    // Percentiles over a sliding window, so the dashboard shows the latency of now, not since
    // start.
    this.ackLatency =
        Timer.builder("reflex_gateway_ack_latency")
            .description("time from a publish reaching the gateway to its per-event results")
            .publishPercentiles(0.5, 0.99)
            .register(meters);
    this.timeoutMs = timeoutMs;
    this.batches =
        new IngestionBatches(vertx, Codecs.timeout(timeoutMs), maxEventsPerPublish, lingerMs);
  }

  /**
   * @param submitted the items of a publish: JSON objects become events, anything else is rejected
   * @param admission checked for each event in order; a refused event is answered without a trip to
   *     ingestion
   */
  public Future<JsonArray> publish(JsonArray submitted, EventAdmission admission) {
    // getValue wraps nested maps as JsonObjects; the raw list may hold plain maps.
    List<Object> items = new ArrayList<>(submitted.size());
    for (int i = 0; i < submitted.size(); i++) {
      Object item = submitted.getValue(i);
      if (item instanceof JsonObject json) {
        EventError refusal = admission.admit(json);
        items.add(refusal == null ? json : new Refused(json.getValue("id"), refusal));
      } else {
        items.add(item);
      }
    }
    List<CloudEvent> events = new ArrayList<>(items.size());
    for (Object item : items) {
      if (item instanceof JsonObject json) {
        events.add(CloudEvent.wrap(json));
      }
    }
    if (events.isEmpty()) {
      return Future.succeededFuture(merge(items, new JsonArray()));
    }
    long started = System.nanoTime();
    return batches
        .submit(events)
        .map(results -> merge(items, results))
        .recover(failure -> Future.succeededFuture(unavailable(items)))
        .onComplete(done -> ackLatency.record(System.nanoTime() - started, TimeUnit.NANOSECONDS));
  }

  private static JsonArray merge(List<?> items, JsonArray eventResults) {
    JsonArray results = new JsonArray(new ArrayList<>(items.size()));
    int next = 0;
    for (Object item : items) {
      if (item instanceof JsonObject) {
        results.add(eventResults.getValue(next++));
      } else if (item instanceof Refused refused) {
        results.add(refused.result());
      } else {
        results.add(
            new JsonObject()
                .putNull("id")
                .put("status", "rejected")
                .put(
                    "error",
                    new EventError(EventError.NOT_AN_OBJECT, "an event must be a JSON object")
                        .toJson()));
      }
    }
    return results;
  }

  private JsonArray unavailable(List<?> items) {
    JsonArray results = new JsonArray(new ArrayList<>(items.size()));
    EventError error =
        new EventError(
            EventError.UNAVAILABLE,
            "ingestion did not answer within "
                + timeoutMs
                + " ms; the event was not accepted, send it again");
    for (Object item : items) {
      if (item instanceof Refused refused) {
        results.add(refused.result());
      } else {
        Object id = item instanceof JsonObject json ? json.getValue("id") : null;
        results.add(
            new JsonObject().put("id", id).put("status", "rejected").put("error", error.toJson()));
      }
    }
    return results;
  }

  /** An event refused at the front door, kept in place so results stay in submission order. */
  private record Refused(Object id, EventError error) {
    JsonObject result() {
      return new JsonObject().put("id", id).put("status", "rejected").put("error", error.toJson());
    }
  }
}
