package io.reflex.ingestion.source.cdc;

import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.reflex.common.event.CloudEvent;
import io.reflex.common.event.EventError;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * Hands each batch of changes to ingestion and acknowledges it to Debezium (which then stores the
 * offset) only once ingestion accepted every event, or found it a duplicate. While the event log is
 * unavailable or overloaded the batch is sent again, backing off; the events already taken come
 * back "duplicate". Runs on the engine's thread, which it may block: never on an event loop.
 */
final class ChangeHandler implements DebeziumEngine.ChangeConsumer<ChangeEvent<String, String>> {

  private static final Logger LOG = Logger.getLogger(ChangeHandler.class.getName());
  private static final long MAX_RETRY_DELAY_MS = 5_000;

  private final CdcSettings settings;
  private final Context context;
  private final Function<List<CloudEvent>, Future<List<JsonObject>>> ingest;
  private final Runnable onAccepted;
  private final Counter ingested;
  private final Counter refused;
  private final Timer commitToAccept;

  ChangeHandler(
      CdcSettings settings,
      Context context,
      Function<List<CloudEvent>, Future<List<JsonObject>>> ingest,
      Runnable onAccepted,
      MeterRegistry meters) {
    this.settings = settings;
    this.context = context;
    this.ingest = ingest;
    this.onAccepted = onAccepted;
    this.ingested =
        Counter.builder("reflex_source_records")
            .tag("source", settings.name())
            .tag("result", "ingested")
            .register(meters);
    this.refused =
        Counter.builder("reflex_source_records")
            .tag("source", settings.name())
            .tag("result", "refused")
            .register(meters);
    this.commitToAccept =
        Timer.builder("reflex_source_cdc_commit_to_accept")
            .description("from a change's commit in the database to ingestion taking its event")
            .tag("source", settings.name())
            .publishPercentiles(0.5, 0.99)
            .register(meters);
  }

  @Override
  public void handleBatch(
      List<ChangeEvent<String, String>> records,
      DebeziumEngine.RecordCommitter<ChangeEvent<String, String>> committer)
      throws InterruptedException {
    List<CloudEvent> events = new ArrayList<>(records.size());
    for (ChangeEvent<String, String> record : records) {
      JsonObject event = toEvent(record);
      if (event != null) {
        events.add(CloudEvent.wrap(event));
      }
    }
    if (!events.isEmpty()) {
      deliver(events);
    }
    for (ChangeEvent<String, String> record : records) {
      committer.markProcessed(record);
    }
    committer.markBatchFinished();
    onAccepted.run();
  }

  private JsonObject toEvent(ChangeEvent<String, String> record) {
    if (record.value() == null) {
      return null;
    }
    try {
      return ChangeEvents.toEvent(
          settings,
          record.key() == null ? null : new JsonObject(record.key()),
          new JsonObject(record.value()));
    } catch (RuntimeException unreadable) {
      refused.increment();
      LOG.warning(
          "source "
              + settings.name()
              + ": a change that is no event was skipped ("
              + unreadable.getMessage()
              + "): "
              + record.value());
      return null;
    }
  }

  /**
   * Returns once every event is in (accepted, duplicate, or refused for good); retries the rest.
   */
  private void deliver(List<CloudEvent> events) throws InterruptedException {
    long delay = 100;
    while (true) {
      String unavailable = null;
      int taken = 0;
      List<JsonObject> results = ingestOnContext(events);
      for (int i = 0; i < results.size(); i++) {
        JsonObject result = results.get(i);
        if (!"rejected".equals(result.getString("status"))) {
          taken++;
          continue;
        }
        EventError error = EventError.fromJson(result.getJsonObject("error"));
        if (error.code().equals(EventError.UNAVAILABLE)
            || error.code().equals(EventError.OVERLOADED)) {
          unavailable = error.code() + ": " + error.message();
        } else {
          refused.increment();
          LOG.warning(
              "source "
                  + settings.name()
                  + ": change "
                  + events.get(i).id()
                  + " refused ("
                  + error.code()
                  + "): "
                  + error.message());
        }
      }
      if (unavailable == null) {
        ingested.increment(taken);
        long now = System.currentTimeMillis();
        events.forEach(
            event ->
                commitToAccept.record(
                    Math.max(0, now - event.timeMillis()), TimeUnit.MILLISECONDS));
        return;
      }
      LOG.warning(
          "source "
              + settings.name()
              + ": ingestion answered "
              + unavailable
              + "; the batch is sent again in "
              + delay
              + " ms");
      Thread.sleep(delay);
      delay = Math.min(delay * 2, MAX_RETRY_DELAY_MS);
    }
  }

  private List<JsonObject> ingestOnContext(List<CloudEvent> events) throws InterruptedException {
    CompletableFuture<List<JsonObject>> results = new CompletableFuture<>();
    context.runOnContext(
        v ->
            ingest
                .apply(events)
                .onComplete(
                    done -> {
                      if (done.succeeded()) {
                        results.complete(done.result());
                      } else {
                        results.completeExceptionally(done.cause());
                      }
                    }));
    try {
      return results.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "ingestion failed a batch of source " + settings.name(), e.getCause());
    }
  }
}
