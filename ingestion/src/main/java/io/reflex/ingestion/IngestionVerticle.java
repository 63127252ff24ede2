package io.reflex.ingestion;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.reflex.common.bus.Addresses;
import io.reflex.common.event.CloudEvent;
import io.reflex.common.event.EventBatch;
import io.reflex.common.event.EventError;
import io.reflex.common.event.EventValidator;
import io.reflex.common.ops.MeshContext;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Validates, normalises and deduplicates events from every front door, answers a result per event, and hands the
 * accepted ones to the router.
 */
public final class IngestionVerticle extends VerticleBase {

  private EventValidator validator;
  private DuplicateFilter duplicates;
  private Counter accepted;
  private Counter rejected;
  private Counter duplicated;

  @Override
  public Future<?> start() {
    JsonObject config = config();
    validator = new EventValidator(config.getInteger("maxEventBytes", 65_536));
    JsonObject dedup = config.getJsonObject("dedup", new JsonObject());
    duplicates = new DuplicateFilter(dedup.getLong("windowSeconds", 600L) * 1000, dedup.getInteger("maxEntries", 1_000_000));
    MeterRegistry meters = MeshContext.meters(config);
    accepted = Counter.builder("reflex_ingestion_events").tag("result", "accepted").register(meters);
    rejected = Counter.builder("reflex_ingestion_events").tag("result", "rejected").register(meters);
    duplicated = Counter.builder("reflex_ingestion_events").tag("result", "duplicate").register(meters);
    MessageConsumer<EventBatch> consumer = vertx.eventBus().consumer(Addresses.INGESTION_ACCEPT, this::accept);
    return consumer.completion();
  }

  private void accept(Message<EventBatch> message) {
    List<CloudEvent> events = message.body().events();
    JsonArray results = new JsonArray(new ArrayList<>(events.size()));
    List<CloudEvent> forward = new ArrayList<>(events.size());
    long now = System.currentTimeMillis();
    for (CloudEvent event : events) {
      EventError error = validator.validate(event);
      if (error != null) {
        rejected.increment();
        results.add(result(event.json().getValue("id"), "rejected").put("error", error.toJson()));
      } else if (duplicates.isDuplicate(event.identity(), now)) {
        duplicated.increment();
        results.add(result(event.id(), "duplicate"));
      } else {
        accepted.increment();
        forward.add(event.time() == null ? event.with("time", Instant.ofEpochMilli(now).toString()) : event);
        results.add(result(event.id(), "accepted"));
      }
    }
    if (!forward.isEmpty()) {
      vertx.eventBus().send(Addresses.ROUTER_ROUTE, new EventBatch(forward));
    }
    message.reply(results);
  }

  private static JsonObject result(Object id, String status) {
    return new JsonObject().put("id", id).put("status", status);
  }
}
