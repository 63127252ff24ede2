package io.reflex.router.action;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.reflex.common.event.CloudEvent;
import io.reflex.eventlog.CloudEventRecords;
import io.reflex.eventlog.RecordWriter;
import io.vertx.core.Context;
import io.vertx.core.Future;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * Carries out {@link Publish} actions: writes events to Kafka topics in the CloudEvents binding, keyed by subject (or
 * source). The future fails unless the broker confirmed every record, so durable mode retries the batch.
 */
public final class Sink {

  private static final Logger LOG = Logger.getLogger(Sink.class.getName());

  private final Context context;
  private final RecordWriter writer;
  private final Counter published;
  private final Counter failed;

  public Sink(Context context, RecordWriter writer, MeterRegistry meters) {
    this.context = context;
    this.writer = writer;
    this.published = Counter.builder("reflex_sink_records").tag("result", "published").register(meters);
    this.failed = Counter.builder("reflex_sink_records").tag("result", "failed").register(meters);
  }

  public Future<Void> publish(Publish publish, List<CloudEvent> events) {
    List<ProducerRecord<String, byte[]>> records = new ArrayList<>(events.size());
    for (CloudEvent event : events) {
      String key = event.subject() != null ? event.subject() : event.source();
      records.add(CloudEventRecords.write(publish.mode(), publish.topic(), key, event));
    }
    return writer.write(context, records).compose(failures -> {
      long unconfirmed = failures.stream().filter(f -> f != null).count();
      published.increment(events.size() - unconfirmed);
      if (unconfirmed == 0) {
        return Future.succeededFuture();
      }
      failed.increment(unconfirmed);
      Throwable first = failures.stream().filter(f -> f != null).findFirst().orElseThrow();
      LOG.warning(unconfirmed + " event(s) not published to " + publish.topic() + ": " + first);
      return Future.failedFuture(first);
    });
  }

  public Future<Void> close() {
    return writer.close();
  }
}
