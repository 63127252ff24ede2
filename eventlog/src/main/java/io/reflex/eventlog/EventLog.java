package io.reflex.eventlog;

import io.reflex.common.event.CloudEvent;
import io.reflex.common.event.EventError;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The durable event log: accepted events appended to the events topic, keyed by their partition key
 * (by default the subject, else the source) so that the events of one entity keep their order in
 * one partition.
 */
public final class EventLog {

  private final KafkaSettings settings;
  private final RecordWriter writer;

  public EventLog(KafkaSettings settings, RecordWriter writer) {
    this.settings = settings;
    this.writer = writer;
  }

  /** The record key of an event: its partition-key field when it is set, otherwise its source. */
  public String key(CloudEvent event) {
    Object key = settings.partitionKey().resolve(event.json());
    return key == null ? event.source() : String.valueOf(key);
  }

  /**
   * Appends the events; the future completes on {@code context} with, per event, null once the
   * broker confirmed it ({@code acks=all}) or the error to answer the client with.
   */
  public Future<List<EventError>> append(Context context, List<CloudEvent> events) {
    List<ProducerRecord<String, byte[]>> records = new ArrayList<>(events.size());
    for (CloudEvent event : events) {
      records.add(CloudEventRecords.structured(settings.eventsTopic(), key(event), event));
    }
    return writer.write(context, records).map(EventLog::errors);
  }

  public int pending() {
    return writer.pending();
  }

  private static List<EventError> errors(List<Throwable> failures) {
    List<EventError> errors = new ArrayList<>(failures.size());
    for (Throwable failure : failures) {
      if (failure == null) {
        errors.add(null);
      } else if (failure instanceof RecordWriter.Overloaded) {
        errors.add(
            new EventError(
                EventError.OVERLOADED,
                "the event log is saturated ("
                    + failure.getMessage()
                    + "); the event was not accepted, send it again later"));
      } else {
        errors.add(
            new EventError(
                EventError.UNAVAILABLE,
                "the event log did not confirm the write ("
                    + failure.getMessage()
                    + "); the event was not accepted, send it again"));
      }
    }
    return errors;
  }
}
