package io.reflex.router.action;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.reflex.common.event.CloudEvent;
import io.reflex.eventlog.CloudEventRecords;
import io.reflex.eventlog.RecordWriter;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Carries out {@link Publish} actions: writes events to Kafka topics in the CloudEvents binding,
 * keyed by subject (or source). Records the broker does not confirm are written again after a pause
 * (the rule's {@link PublishRetry}), on a timer, so other rules' actions go on meanwhile; after the
 * last attempt they go to the dead-letter topic with headers saying why. The future completes when
 * every record is confirmed or dead-lettered, and fails only when the dead-letter write fails too,
 * so durable mode then retries the batch.
 */
public final class Sink {

  /** Headers of a dead-lettered record, next to the original's own. */
  public static final String REASON = "reflex_dead_letter_reason";

  public static final String RULE = "reflex_dead_letter_rule";
  public static final String TOPIC = "reflex_dead_letter_topic";
  public static final String ATTEMPTS = "reflex_dead_letter_attempts";

  private static final Logger LOG = Logger.getLogger(Sink.class.getName());

  private final Context context;
  private final RecordWriter writer;
  private final Counter published;
  private final Counter retried;
  private final Counter deadLettered;
  private final Counter failed;

  public Sink(Context context, RecordWriter writer, MeterRegistry meters) {
    this.context = context;
    this.writer = writer;
    this.published = result(meters, "published");
    this.retried = result(meters, "retried");
    this.deadLettered = result(meters, "dead_lettered");
    this.failed = result(meters, "failed");
  }

  public Future<Void> publish(RulePublish target, List<CloudEvent> events) {
    Publish publish = target.publish();
    List<ProducerRecord<String, byte[]>> records = new ArrayList<>(events.size());
    for (CloudEvent event : events) {
      String key = event.subject() != null ? event.subject() : event.source();
      records.add(CloudEventRecords.write(publish.mode(), publish.topic(), key, event));
    }
    return attempt(target, records, 1);
  }

  private Future<Void> attempt(
      RulePublish target, List<ProducerRecord<String, byte[]>> records, int attempt) {
    return writer
        .write(context, records)
        .compose(
            failures -> {
              List<ProducerRecord<String, byte[]>> unconfirmed = new ArrayList<>();
              Throwable reason = null;
              for (int i = 0; i < records.size(); i++) {
                if (failures.get(i) != null) {
                  unconfirmed.add(records.get(i));
                  reason = reason == null ? failures.get(i) : reason;
                }
              }
              published.increment(records.size() - unconfirmed.size());
              if (unconfirmed.isEmpty()) {
                return Future.succeededFuture();
              }
              PublishRetry retry = target.publish().retry();
              if (attempt < retry.attempts()) {
                retried.increment(unconfirmed.size());
                Promise<Void> retried = Promise.promise();
                context
                    .owner()
                    .setTimer(
                        retry.pauseMs(attempt),
                        id -> attempt(target, unconfirmed, attempt + 1).onComplete(retried));
                return retried.future();
              }
              return deadLetter(target, unconfirmed, reason, attempt);
            });
  }

  private Future<Void> deadLetter(
      RulePublish target,
      List<ProducerRecord<String, byte[]>> records,
      Throwable reason,
      int attempts) {
    String why = String.valueOf(reason);
    LOG.warning(
        records.size()
            + " event(s) of rule "
            + target.rule()
            + " not published to "
            + target.publish().topic()
            + " after "
            + attempts
            + " attempts ("
            + why
            + "): to "
            + target.publish().retry().deadLetter());
    List<ProducerRecord<String, byte[]>> letters = new ArrayList<>(records.size());
    for (ProducerRecord<String, byte[]> record : records) {
      // A copy: the producer made the original's headers read-only when it sent it.
      ProducerRecord<String, byte[]> letter =
          new ProducerRecord<>(
              target.publish().retry().deadLetter(),
              null,
              record.key(),
              record.value(),
              new RecordHeaders(record.headers().toArray()));
      letter
          .headers()
          .add(REASON, bytes(why))
          .add(RULE, bytes(target.rule()))
          .add(TOPIC, bytes(target.publish().topic()))
          .add(ATTEMPTS, bytes(Integer.toString(attempts)));
      letters.add(letter);
    }
    return writer
        .write(context, letters)
        .compose(
            failures -> {
              long lost = failures.stream().filter(f -> f != null).count();
              deadLettered.increment(letters.size() - lost);
              if (lost == 0) {
                return Future.succeededFuture();
              }
              failed.increment(lost);
              Throwable first = failures.stream().filter(f -> f != null).findFirst().orElseThrow();
              LOG.warning(
                  lost
                      + " event(s) of rule "
                      + target.rule()
                      + " not written to the dead-letter topic either: "
                      + first);
              return Future.failedFuture(first);
            });
  }

  public Future<Void> close() {
    return writer.close();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static Counter result(MeterRegistry meters, String result) {
    return Counter.builder("reflex_sink_records")
        .tag("result", result)
        .description("records of publish actions: published, retried, dead_lettered, failed (lost)")
        .register(meters);
  }
}
