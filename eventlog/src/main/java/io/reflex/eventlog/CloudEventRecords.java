package io.reflex.eventlog;

import io.reflex.common.event.CloudEvent;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The CloudEvents Kafka protocol binding (version 1.0): a record in <em>structured</em> mode
 * carries the whole event as JSON in its value with {@code content-type:
 * application/cloudevents+json}; in <em>binary</em> mode the attributes travel as {@code ce_*}
 * headers and the value is the event's data. Both are read; the event log is written in structured
 * mode (one parse per record when it is read back), sinks in either.
 */
public final class CloudEventRecords {

  public static final String STRUCTURED_TYPE = "application/cloudevents+json";
  static final String CONTENT_TYPE = "content-type";
  static final String PREFIX = "ce_";

  /** CloudEvents' Kafka binding maps the record key to this extension. */
  static final String PARTITION_KEY = "partitionkey";

  private CloudEventRecords() {}

  /** How a sink writes events. */
  public enum Mode {
    STRUCTURED,
    BINARY
  }

  public static ProducerRecord<String, byte[]> structured(
      String topic, String key, CloudEvent event) {
    RecordHeaders headers = new RecordHeaders();
    headers.add(CONTENT_TYPE, STRUCTURED_TYPE.getBytes(StandardCharsets.UTF_8));
    return new ProducerRecord<>(
        topic, null, key, event.encode().getBytes(StandardCharsets.UTF_8), headers);
  }

  public static ProducerRecord<String, byte[]> binary(String topic, String key, CloudEvent event) {
    RecordHeaders headers = new RecordHeaders();
    byte[] value = null;
    for (Map.Entry<String, Object> attribute : event.json()) {
      String name = attribute.getKey();
      Object v = attribute.getValue();
      if (name.equals("data")) {
        value =
            v instanceof String text && !isJson(event)
                ? text.getBytes(StandardCharsets.UTF_8)
                : Json.encode(v).getBytes(StandardCharsets.UTF_8);
      } else if (name.equals("data_base64") && v instanceof String encoded) {
        value = Base64.getDecoder().decode(encoded);
      } else if (name.equals("datacontenttype")) {
        headers.add(CONTENT_TYPE, String.valueOf(v).getBytes(StandardCharsets.UTF_8));
      } else if (v != null) {
        headers.add(PREFIX + name, String.valueOf(v).getBytes(StandardCharsets.UTF_8));
      }
    }
    return new ProducerRecord<>(topic, null, key, value, headers);
  }

  public static ProducerRecord<String, byte[]> write(
      Mode mode, String topic, String key, CloudEvent event) {
    return mode == Mode.BINARY ? binary(topic, key, event) : structured(topic, key, event);
  }

  /**
   * Reads a record as a CloudEvent, in whichever mode it was written.
   *
   * @throws IllegalArgumentException with a precise reason when the record is neither
   */
  public static JsonObject read(ConsumerRecord<String, byte[]> record) {
    return event(record).json();
  }

  /**
   * Reads a record as a CloudEvent, in whichever mode it was written; a structured record keeps its
   * text, so the event is not encoded again when it is passed on (pushed, held by a sequence, sent
   * to another node).
   *
   * @throws IllegalArgumentException with a precise reason when the record is neither
   */
  public static CloudEvent event(ConsumerRecord<String, byte[]> record) {
    String contentType = header(record.headers(), CONTENT_TYPE);
    if (record.headers().lastHeader(PREFIX + "specversion") != null) {
      return CloudEvent.wrap(readBinary(record, contentType));
    }
    if (contentType != null && !contentType.startsWith(STRUCTURED_TYPE)) {
      throw new IllegalArgumentException(
          "content-type '"
              + contentType
              + "' is neither "
              + STRUCTURED_TYPE
              + " (structured mode) nor accompanied by ce_specversion (binary mode)");
    }
    String text = text(record.value(), "value");
    return CloudEvent.wrap(object(text, "value"), text);
  }

  private static JsonObject readBinary(ConsumerRecord<String, byte[]> record, String contentType) {
    JsonObject event = new JsonObject();
    for (Header header : record.headers()) {
      if (header.key().startsWith(PREFIX) && header.value() != null) {
        event.put(
            header.key().substring(PREFIX.length()),
            new String(header.value(), StandardCharsets.UTF_8));
      }
    }
    if (contentType != null) {
      event.put("datacontenttype", contentType);
    }
    if (record.key() != null && !event.containsKey(PARTITION_KEY)) {
      event.put(PARTITION_KEY, record.key());
    }
    byte[] value = record.value();
    if (value != null) {
      if (contentType == null || contentType.contains("json")) {
        event.put("data", Json.decodeValue(new String(value, StandardCharsets.UTF_8)));
      } else if (contentType.startsWith("text/")) {
        event.put("data", new String(value, StandardCharsets.UTF_8));
      } else {
        event.put("data_base64", Base64.getEncoder().encodeToString(value));
      }
    }
    return event;
  }

  /** A record value that must be one JSON object. */
  public static JsonObject json(byte[] value, String what) {
    return object(text(value, what), what);
  }

  private static String text(byte[] value, String what) {
    if (value == null) {
      throw new IllegalArgumentException("the record has no " + what);
    }
    return new String(value, StandardCharsets.UTF_8);
  }

  private static JsonObject object(String text, String what) {
    try {
      Object parsed = Json.decodeValue(text);
      if (parsed instanceof JsonObject object) {
        return object;
      }
      throw new IllegalArgumentException("the record's " + what + " is JSON but not an object");
    } catch (DecodeException e) {
      throw new IllegalArgumentException(
          "the record's " + what + " is not JSON: " + e.getMessage());
    }
  }

  /** A header's value as UTF-8 text; null when the record has no such header or it is empty. */
  public static String header(Headers headers, String name) {
    Header header = headers.lastHeader(name);
    return header == null || header.value() == null
        ? null
        : new String(header.value(), StandardCharsets.UTF_8);
  }

  private static boolean isJson(CloudEvent event) {
    Object type = event.json().getValue("datacontenttype");
    return type == null || String.valueOf(type).contains("json");
  }
}
