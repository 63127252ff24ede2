package io.reflex.router.log;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.reflex.common.event.CloudEvent;
import io.reflex.common.event.EventBatch;
import io.reflex.common.event.LogPosition;
import io.reflex.eventlog.CloudEventRecords;
import io.reflex.eventlog.KafkaSettings;
import io.reflex.eventlog.LogConsumer;
import io.reflex.eventlog.Topics;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.logging.Logger;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Durable mode's way into the router: the event log consumed in the routers' consumer group, each
 * poll batch routed as one confirmed batch, its offsets committed only when everything it triggered
 * is done. Records that are no event (written to the topic by something else) are counted and
 * skipped, never retried forever.
 */
public final class EventLogRouting {

  private static final Logger LOG = Logger.getLogger(EventLogRouting.class.getName());

  private final Vertx vertx;
  private final KafkaSettings kafka;
  private final Function<EventBatch, Future<Void>> route;
  private final LogConsumer consumer;
  private final LogCopies copies;
  private final Counter unreadable;
  private final Counter copiesSkipped;
  private final Counter routed;
  // Read from the log and handed to routing, not yet done: batches waiting for their actions (for
  // operators and for
  // tests that must act while deliveries are in flight).
  private final AtomicLong routing = new AtomicLong();

  /**
   * @param route routes a batch confirmed; its future completes when every action it triggered is
   *     done
   */
  public EventLogRouting(
      Vertx vertx,
      Context context,
      KafkaSettings kafka,
      LogSettings log,
      Function<EventBatch, Future<Void>> route,
      MeterRegistry meters) {
    this.vertx = vertx;
    this.kafka = kafka;
    this.route = route;
    this.copies = new LogCopies(log.copyWindowEvents());
    this.unreadable =
        Counter.builder("reflex_router_log_records").tag("result", "unreadable").register(meters);
    this.copiesSkipped =
        Counter.builder("reflex_router_log_records").tag("result", "copy").register(meters);
    this.routed =
        Counter.builder("reflex_router_log_records").tag("result", "routed").register(meters);
    Gauge.builder("reflex_router_log_records_routing", routing, AtomicLong::get).register(meters);
    this.consumer =
        new LogConsumer(
            kafka.consumer("reflex-router", log.group(), log.maxBatch()),
            List.of(kafka.eventsTopic()),
            context,
            this::handle,
            log.revokeWaitMs(),
            log.maxRetryDelayMs());
  }

  public Future<Void> start() {
    // The routers may start before ingestion created the topic, or while the broker is away:
    // subscribe anyway.
    Topics.ensure(vertx, kafka, List.of(kafka.eventsTopic()))
        .onFailure(
            e ->
                LOG.warning(
                    "could not check the event log's topic " + kafka.eventsTopic() + ": " + e));
    consumer.start();
    return Future.succeededFuture();
  }

  public Future<Void> stop() {
    return consumer.stop();
  }

  private Future<Void> handle(List<ConsumerRecord<String, byte[]>> records) {
    List<CloudEvent> events = new ArrayList<>(records.size());
    long[] positions = new long[records.size()];
    for (ConsumerRecord<String, byte[]> record : records) {
      CloudEvent event;
      try {
        event = CloudEventRecords.event(record);
        event.timeMillis(); // written by ingestion after validation; anything else is not Reflex's
      } catch (RuntimeException e) {
        unreadable.increment();
        LOG.warning(
            "event log record "
                + record.partition()
                + "@"
                + record.offset()
                + " skipped: "
                + e.getMessage());
        continue;
      }
      long position = LogPosition.of(record.partition(), record.offset());
      if (copies.isCopy(event.identity(), position)) {
        copiesSkipped.increment();
        continue;
      }
      positions[events.size()] = position;
      events.add(event);
    }
    long[] kept = Arrays.copyOf(positions, events.size());
    routing.addAndGet(events.size());
    return route
        .apply(new EventBatch(events, kept))
        .onComplete(v -> routing.addAndGet(-events.size()))
        .onSuccess(v -> routed.increment(events.size()));
  }
}
