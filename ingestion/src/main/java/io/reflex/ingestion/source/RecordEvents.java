package io.reflex.ingestion.source;

import io.reflex.eventlog.CloudEventRecords;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Makes an event of a record from a Kafka source, as the source's format says. */
final class RecordEvents {

  private RecordEvents() {}

  /**
   * @throws IllegalArgumentException why the record is no event
   */
  static JsonObject toEvent(SourceSettings source, ConsumerRecord<String, byte[]> record) {
    if (source.format() == SourceSettings.Format.CLOUDEVENTS) {
      return CloudEventRecords.read(record);
    }
    SourceSettings.JsonMapping mapping = source.json();
    JsonObject data = CloudEventRecords.json(record.value(), "value");
    JsonObject event =
        new JsonObject()
            .put("specversion", "1.0")
            .put(
                "id",
                mapping.id() == null
                    ? record.topic() + "-" + record.partition() + "-" + record.offset()
                    : text(mapping.id().resolve(data), "id"))
            .put(
                "source",
                mapping.source().isBlank() ? "kafka://" + record.topic() : mapping.source())
            .put("type", mapping.type());
    if (mapping.subject() != null) {
      Object subject = mapping.subject().resolve(data);
      if (subject != null) {
        event.put("subject", String.valueOf(subject));
      }
    }
    Object time = mapping.time() == null ? null : mapping.time().resolve(data);
    if (time instanceof Number millis) {
      event.put("time", Instant.ofEpochMilli(millis.longValue()).toString());
    } else if (time != null) {
      event.put("time", String.valueOf(time));
    } else if (record.timestamp() >= 0) {
      event.put("time", Instant.ofEpochMilli(record.timestamp()).toString());
    }
    return event.put("datacontenttype", "application/json").put("data", data);
  }

  private static String text(Object value, String attribute) {
    if (value == null) {
      throw new IllegalArgumentException(
          "the record has no value at the path mapped to " + attribute);
    }
    return String.valueOf(value);
  }
}
