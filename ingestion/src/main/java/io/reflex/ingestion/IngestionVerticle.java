package io.reflex.ingestion;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.reflex.common.bus.Addresses;
import io.reflex.common.bus.Codecs;
import io.reflex.common.event.CloudEvent;
import io.reflex.common.event.DuplicateFilter;
import io.reflex.common.event.EventBatch;
import io.reflex.common.event.EventError;
import io.reflex.common.event.EventValidator;
import io.reflex.common.ops.MeshContext;
import io.reflex.eventlog.EventLog;
import io.reflex.eventlog.KafkaSettings;
import io.reflex.eventlog.RecordWriter;
import io.reflex.eventlog.Topics;
import io.reflex.ingestion.source.KafkaSource;
import io.reflex.ingestion.source.SourceSettings;
import io.reflex.ingestion.source.cdc.CdcSettings;
import io.reflex.ingestion.source.cdc.PostgresCdcSource;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Validates, normalises and deduplicates events from every front door (the gateway, Kafka and
 * database sources) and answers a result per event. Fast mode hands the accepted events to the
 * router over the event bus and answers at once; durable mode answers {@code accepted} only once
 * the event log confirmed the write, and the router reads them from there.
 */
public final class IngestionVerticle extends VerticleBase {

  private static final Logger LOG = Logger.getLogger(IngestionVerticle.class.getName());

  private EventValidator validator;
  private DuplicateFilter duplicates;
  private EventLog eventLog;
  private RecordWriter writer;
  private RoutingWindow routing;
  private final List<KafkaSource> sources = new ArrayList<>();
  private final List<PostgresCdcSource> databaseSources = new ArrayList<>();

  /** Durable mode: events whose write to the log the broker has not confirmed yet, by identity. */
  private final Map<String, Future<Void>> pendingWrites = new HashMap<>();

  private Counter accepted;
  private Counter rejected;
  private Counter duplicated;

  @Override
  public Future<?> start() {
    JsonObject config = config();
    IngestionSettings settings;
    KafkaSettings kafka;
    try {
      settings = IngestionSettings.from(config);
      kafka = KafkaSettings.from(MeshContext.kafka(config));
    } catch (IllegalArgumentException | ClassCastException e) {
      return Future.failedFuture(
          new IllegalArgumentException("ingestion configuration refused: " + e.getMessage(), e));
    }
    validator = new EventValidator(settings.maxEventBytes());
    routing =
        new RoutingWindow(
            vertx,
            settings.routing().maxEventsInFlight(),
            settings.routing().maxEventsWaiting(),
            settings.routing().timeoutMs());
    duplicates = new DuplicateFilter(settings.dedupWindowMs(), settings.dedupMaxEntries());
    MeterRegistry meters = MeshContext.meters(config);
    accepted =
        Counter.builder("reflex_ingestion_events").tag("result", "accepted").register(meters);
    rejected =
        Counter.builder("reflex_ingestion_events").tag("result", "rejected").register(meters);
    duplicated =
        Counter.builder("reflex_ingestion_events").tag("result", "duplicate").register(meters);
    Gauge.builder("reflex_ingestion_routing_events", routing, RoutingWindow::inFlight)
        .description("fast mode: accepted events handed to the router and not yet delivered on")
        .tag("state", "in_flight")
        .register(meters);
    Gauge.builder("reflex_ingestion_routing_events", routing, RoutingWindow::waiting)
        .description("fast mode: accepted events waiting for room in the routing window")
        .tag("state", "waiting")
        .register(meters);
    List<SourceSettings> sourceSettings = settings.sources();
    List<CdcSettings> cdcSettings = settings.databaseSources();
    if (!sourceSettings.isEmpty() && !kafka.configured()) {
      return Future.failedFuture(
          new IllegalArgumentException(
              "ingestion.sources name Kafka topics but kafka.bootstrapServers is not set"));
    }
    if (kafka.configured()) {
      writer = new RecordWriter(vertx, kafka, "reflex-ingestion");
      Gauge.builder("reflex_ingestion_log_pending_writes", writer, RecordWriter::pending)
          .register(meters);
    }
    Future<Void> topics = Future.succeededFuture();
    if (MeshContext.durable(config)) {
      eventLog = new EventLog(kafka, writer);
      // Not waited for: the front door must come up (and answer "unavailable") while the broker is
      // away.
      Topics.ensure(vertx, kafka, List.of(kafka.eventsTopic()))
          .onFailure(
              e ->
                  LOG.warning(
                      "could not check the event log's topic " + kafka.eventsTopic() + ": " + e));
    }
    for (SourceSettings source : sourceSettings) {
      sources.add(new KafkaSource(vertx, context, kafka, source, this::ingest, writer, meters));
    }
    sources.forEach(KafkaSource::start);
    for (CdcSettings source : cdcSettings) {
      databaseSources.add(
          new PostgresCdcSource(
              vertx,
              context,
              source,
              kafka,
              MeshContext.durable(config),
              this::ingest,
              this::alreadyLogged,
              meters));
    }
    databaseSources.forEach(PostgresCdcSource::start);
    return Future.all(
        topics,
        vertx
            .eventBus()
            .<EventBatch>consumer(Addresses.INGESTION_ACCEPT, this::accept)
            .completion(),
        vertx
            .eventBus()
            .<JsonObject>consumer(Addresses.INGESTION_SOURCES, this::sourceStatus)
            .completion());
  }

  @Override
  public Future<?> stop() {
    List<Future<Void>> stopped = new ArrayList<>();
    sources.forEach(source -> stopped.add(source.stop()));
    databaseSources.forEach(source -> stopped.add(source.stop()));
    return Future.join(stopped)
        .eventually(
            () -> {
              return writer != null ? writer.close() : Future.succeededFuture();
            });
  }

  private void accept(Message<EventBatch> message) {
    ingest(message.body().events())
        .onSuccess(
            results -> message.reply(new JsonArray(new ArrayList<>(results)), Codecs.shared()));
  }

  /**
   * Identities already in the event log: a repeat of one is answered "duplicate", not logged again.
   */
  private void alreadyLogged(Set<String> identities) {
    long now = System.currentTimeMillis();
    identities.forEach(identity -> duplicates.isDuplicate(identity, now));
  }

  private void sourceStatus(Message<JsonObject> message) {
    JsonObject statuses = new JsonObject();
    databaseSources.forEach(source -> statuses.put(source.name(), source.status()));
    message.reply(statuses);
  }

  /**
   * The result of each event, in order: accepted, duplicate, or rejected with the reason. Never
   * fails.
   */
  private Future<List<JsonObject>> ingest(List<CloudEvent> events) {
    List<JsonObject> results = new ArrayList<>(events.size());
    List<CloudEvent> forward = new ArrayList<>(events.size());
    List<Integer> forwardedAt = new ArrayList<>(events.size());
    List<Future<?>> repeatsOfPendingWrites = new ArrayList<>();
    long now = System.currentTimeMillis();
    for (CloudEvent event : events) {
      EventError error = validator.validate(event);
      if (error != null) {
        rejected.increment();
        results.add(rejection(event.json().getValue("id"), error));
      } else if (duplicates.isDuplicate(event, now)) {
        duplicated.increment();
        results.add(result(event.id(), "duplicate"));
        Future<Void> pending = pendingWrites.get(event.identity());
        if (pending != null) {
          repeatsOfPendingWrites.add(
              answerWhenWritten(pending, event, results, results.size() - 1));
        }
      } else {
        forwardedAt.add(results.size());
        forward.add(
            event.time() == null
                ? event.with("time", Instant.ofEpochMilli(now).toString())
                : event);
        results.add(result(event.id(), "accepted"));
      }
    }
    if (forward.isEmpty()) {
      return Future.join(repeatsOfPendingWrites).transform(done -> Future.succeededFuture(results));
    }
    if (eventLog == null) {
      return routing
          .route(new EventBatch(forward))
          .transform(
              routed -> {
                if (routed.succeeded()) {
                  accepted.increment(forward.size());
                  return Future.succeededFuture(results);
                }
                refuse(forward, forwardedAt, results, EventError.OVERLOADED, routed.cause());
                return Future.succeededFuture(results);
              });
    }
    Future<List<EventError>> written = eventLog.append(context, forward);
    for (int i = 0; i < forward.size(); i++) {
      int index = i;
      String identity = forward.get(i).identity();
      Future<Void> write =
          written.compose(
              errors ->
                  errors.get(index) == null
                      ? Future.succeededFuture()
                      : Future.failedFuture(errors.get(index).message()));
      pendingWrites.put(identity, write);
      write.onComplete(done -> pendingWrites.remove(identity, write));
    }
    return written.compose(
        errors -> {
          for (int i = 0; i < errors.size(); i++) {
            EventError error = errors.get(i);
            if (error == null) {
              accepted.increment();
            } else {
              // Not in the log: a resend must be taken, not answered "duplicate".
              duplicates.forget(forward.get(i).identity());
              rejected.increment();
              results.set(forwardedAt.get(i), rejection(forward.get(i).id(), error));
            }
          }
          return Future.join(repeatsOfPendingWrites)
              .transform(done -> Future.succeededFuture(results));
        });
  }

  /**
   * A repeat of an event whose write is still waiting for the broker (its client gave up waiting
   * and sent it again) is "duplicate" only once the first copy is in the log; if that write fails,
   * the repeat is rejected too, and the next resend is taken.
   */
  private Future<Void> answerWhenWritten(
      Future<Void> pending, CloudEvent event, List<JsonObject> results, int index) {
    return pending.transform(
        written -> {
          if (written.failed()) {
            results.set(
                index,
                rejection(
                    event.id(),
                    new EventError(
                        EventError.UNAVAILABLE,
                        "an earlier copy of this "
                            + "event was not confirmed by the event log ("
                            + written.cause().getMessage()
                            + "); send it again")));
          }
          return Future.succeededFuture();
        });
  }

  /** Events not taken after all: a resend must be taken, not answered "duplicate". */
  private void refuse(
      List<CloudEvent> events,
      List<Integer> at,
      List<JsonObject> results,
      String code,
      Throwable cause) {
    EventError error = new EventError(code, cause.getMessage());
    for (int i = 0; i < events.size(); i++) {
      duplicates.forget(events.get(i).identity());
      rejected.increment();
      results.set(at.get(i), rejection(events.get(i).id(), error));
    }
  }

  private static JsonObject rejection(Object id, EventError error) {
    return result(id, "rejected").put("error", error.toJson());
  }

  private static JsonObject result(Object id, String status) {
    return new JsonObject().put("id", id).put("status", status);
  }
}
