package io.reflex.ingestion.source;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.reflex.common.event.CloudEvent;
import io.reflex.common.event.EventError;
import io.reflex.eventlog.KafkaSettings;
import io.reflex.eventlog.LogConsumer;
import io.reflex.eventlog.RecordWriter;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Logger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A Kafka source: consumes its topics in its consumer group and ingests every record as an event,
 * exactly as if a client had published it. A batch's offsets are committed once every record in it
 * was accepted (or found a duplicate, or refused for good); while the event log is unavailable the
 * batch is retried, so nothing is skipped. A record that is no valid event is counted, logged and,
 * when configured, copied to the dead-letter topic.
 */
public final class KafkaSource {

  private static final Logger LOG = Logger.getLogger(KafkaSource.class.getName());
  static final String ERROR_HEADER = "reflex-error";

  private final SourceSettings source;
  private final Function<List<CloudEvent>, Future<List<JsonObject>>> ingest;
  private final RecordWriter deadLetters;
  private final Context context;
  private final LogConsumer consumer;
  private final Counter ingested;
  private final Counter refused;

  /**
   * @param ingest the ingestion path: validates, deduplicates, logs; answers one result per event
   */
  public KafkaSource(
      Vertx vertx,
      Context context,
      KafkaSettings kafka,
      SourceSettings source,
      Function<List<CloudEvent>, Future<List<JsonObject>>> ingest,
      RecordWriter deadLetters,
      MeterRegistry meters) {
    this.source = source;
    this.ingest = ingest;
    this.deadLetters = deadLetters;
    this.context = context;
    this.ingested =
        Counter.builder("reflex_source_records")
            .tag("source", source.name())
            .tag("result", "ingested")
            .register(meters);
    this.refused =
        Counter.builder("reflex_source_records")
            .tag("source", source.name())
            .tag("result", "refused")
            .register(meters);
    this.consumer =
        new LogConsumer(
            kafka.consumer("reflex-source-" + source.name(), source.group(), source.maxBatch()),
            source.topics(),
            context,
            this::handle,
            10_000,
            5_000);
  }

  public void start() {
    consumer.start();
  }

  public Future<Void> stop() {
    return consumer.stop();
  }

  private Future<?> handle(List<ConsumerRecord<String, byte[]>> records) {
    List<CloudEvent> events = new ArrayList<>(records.size());
    List<ConsumerRecord<String, byte[]>> eventRecords = new ArrayList<>(records.size());
    List<Future<?>> letters = new ArrayList<>();
    for (ConsumerRecord<String, byte[]> record : records) {
      try {
        events.add(CloudEvent.wrap(RecordEvents.toEvent(source, record)));
        eventRecords.add(record);
      } catch (RuntimeException unreadable) {
        letters.add(
            refuse(
                record,
                new EventError(EventError.INVALID_JSON, String.valueOf(unreadable.getMessage()))));
      }
    }
    return ingest
        .apply(events)
        .compose(
            results -> {
              for (int i = 0; i < results.size(); i++) {
                JsonObject result = results.get(i);
                if (!"rejected".equals(result.getString("status"))) {
                  ingested.increment();
                  continue;
                }
                EventError error = EventError.fromJson(result.getJsonObject("error"));
                if (error.code().equals(EventError.UNAVAILABLE)
                    || error.code().equals(EventError.OVERLOADED)) {
                  // Retried whole: the events taken already come back "duplicate", the others are
                  // taken then.
                  return Future.failedFuture("event log " + error.code() + ": " + error.message());
                }
                letters.add(refuse(eventRecords.get(i), error));
              }
              return Future.all(letters);
            });
  }

  private Future<?> refuse(ConsumerRecord<String, byte[]> record, EventError error) {
    refused.increment();
    LOG.warning(
        "source "
            + source.name()
            + ": record "
            + record.topic()
            + "/"
            + record.partition()
            + "@"
            + record.offset()
            + " refused ("
            + error.code()
            + "): "
            + error.message());
    if (source.deadLetterTopic().isBlank()) {
      return Future.succeededFuture();
    }
    ProducerRecord<String, byte[]> letter =
        new ProducerRecord<>(
            source.deadLetterTopic(), null, record.key(), record.value(), record.headers());
    letter
        .headers()
        .add(
            ERROR_HEADER, (error.code() + ": " + error.message()).getBytes(StandardCharsets.UTF_8));
    return deadLetters
        .write(context, List.of(letter))
        .compose(
            failures ->
                failures.get(0) == null
                    ? Future.succeededFuture()
                    : Future.failedFuture(
                        "dead-letter topic " + source.deadLetterTopic() + ": " + failures.get(0)));
  }
}
