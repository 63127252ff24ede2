package io.reflex.common.outputlog;

import io.reflex.common.event.CloudEvent;
import io.reflex.common.kafka.CloudEventRecords;
import io.reflex.common.kafka.RecordWriter;
import io.vertx.core.Context;
import io.vertx.core.Future;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.util.ArrayList;
import java.util.List;

/**
 * Durable mode's output log: every output event is appended here ({@code acks=all}) before any gateway pushes it, and
 * gateways push what they read from it, so a subscriber that drops can resume from its last cursor and miss nothing.
 */
public final class OutputLog {

  private final OutputLogSettings settings;
  private final RecordWriter writer;

  public OutputLog(OutputLogSettings settings, String clientId) {
    this.settings = settings;
    this.writer = new RecordWriter(settings.kafka(), clientId);
  }

  public OutputLogSettings settings() {
    return settings;
  }

  /** Completes on {@code context} once the broker confirmed every output; fails with the first refusal otherwise. */
  public Future<Void> append(Context context, List<CloudEvent> outputs) {
    List<ProducerRecord<String, byte[]>> records = new ArrayList<>(outputs.size());
    for (CloudEvent output : outputs) {
      ProducerRecord<String, byte[]> record = CloudEventRecords.structured(settings.topic(), output.identity(), output);
      records.add(new ProducerRecord<>(record.topic(), OutputTopic.PARTITION, record.key(), record.value(),
          record.headers()));
    }
    return writer.write(context, records).compose(failures -> {
      for (Throwable failure : failures) {
        if (failure != null) {
          return Future.failedFuture(failure);
        }
      }
      return Future.succeededFuture();
    });
  }

  public void close() {
    writer.close();
  }
}
