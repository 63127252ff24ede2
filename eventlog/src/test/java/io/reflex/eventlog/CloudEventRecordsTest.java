package io.reflex.eventlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reflex.common.event.CloudEvent;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CloudEventRecordsTest {

  private static final CloudEvent EVENT =
      CloudEvent.wrap(
          new JsonObject()
              .put("specversion", "1.0")
              .put("id", "e-1")
              .put("source", "urn:sensor:7")
              .put("type", "reflex.metric")
              .put("subject", "temperature/lab")
              .put("time", "2026-01-01T00:00:00Z")
              .put("causationid", "c-1")
              .put("datacontenttype", "application/json")
              .put("data", new JsonObject().put("value", 97)));

  @Test
  @DisplayName(
      "an event written in structured mode and in binary mode reads back as the same event")
  void bothModesRoundTrip() {
    JsonObject structured =
        CloudEventRecords.read(consumed(CloudEventRecords.structured("t", "k", EVENT)));
    assertThat(structured).isEqualTo(EVENT.json());

    ProducerRecord<String, byte[]> binary = CloudEventRecords.binary("t", "temperature/lab", EVENT);
    assertThat(new String(binary.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8))
        .isEqualTo("reflex.metric");
    assertThat(
            new String(binary.headers().lastHeader("content-type").value(), StandardCharsets.UTF_8))
        .isEqualTo("application/json");
    assertThat(new String(binary.value(), StandardCharsets.UTF_8)).isEqualTo("{\"value\":97}");
    JsonObject read = CloudEventRecords.read(consumed(binary));
    assertThat(read.copy().put("partitionkey", null))
        .isEqualTo(EVENT.json().copy().put("partitionkey", null));
    assertThat(read.getString("partitionkey")).isEqualTo("temperature/lab");
  }

  @Test
  @DisplayName(
      "an event read from a structured record keeps the record's text: passing it on encodes nothing")
  void structuredRecordKeepsItsText() {
    String text = "{ \"specversion\": \"1.0\", \"id\": \"e-2\", \"data\": {\"value\": 1} }";
    ProducerRecord<String, byte[]> written =
        new ProducerRecord<>(
            "t", null, "k", text.getBytes(StandardCharsets.UTF_8), new RecordHeaders());
    CloudEvent read = CloudEventRecords.event(consumed(written));
    assertThat(read.encode()).isSameAs(read.encode()).isEqualTo(text);
    assertThat(read.id()).isEqualTo("e-2");

    CloudEvent binary =
        CloudEventRecords.event(consumed(CloudEventRecords.binary("t", "k", EVENT)));
    assertThat(binary.encode()).isEqualTo(binary.json().encode());
  }

  @Test
  @DisplayName("binary mode keeps text data as text and anything else as data_base64")
  void binaryDataOfOtherTypes() {
    RecordHeaders headers = new RecordHeaders();
    headers
        .add("ce_specversion", "1.0".getBytes())
        .add("ce_id", "b".getBytes())
        .add("ce_source", "s".getBytes())
        .add("ce_type", "t".getBytes())
        .add("content-type", "application/octet-stream".getBytes());
    JsonObject event =
        CloudEventRecords.read(
            consumed(
                new ProducerRecord<String, byte[]>(
                    "t", null, (String) null, new byte[] {1, 2, 3}, headers)));
    assertThat(event.getString("data_base64")).isEqualTo("AQID");
    assertThat(event.getString("datacontenttype")).isEqualTo("application/octet-stream");
  }

  @Test
  @DisplayName("a record in neither mode is refused with the reason")
  void neitherMode() {
    RecordHeaders headers = new RecordHeaders();
    headers.add("content-type", "text/csv".getBytes());
    assertThatThrownBy(
            () ->
                CloudEventRecords.read(
                    consumed(
                        new ProducerRecord<String, byte[]>(
                            "t", null, (String) null, "a,b".getBytes(), headers))))
        .hasMessageContaining("text/csv")
        .hasMessageContaining("binary mode");
    assertThatThrownBy(
            () ->
                CloudEventRecords.read(consumed(new ProducerRecord<>("t", "k", "[1]".getBytes()))))
        .hasMessageContaining("not an object");
    assertThatThrownBy(
            () ->
                CloudEventRecords.read(
                    consumed(new ProducerRecord<>("t", "k", "{oops".getBytes()))))
        .hasMessageContaining("not JSON");
  }

  @Test
  @DisplayName(
      "settings refuse a delivery timeout shorter than a linger; topic names follow Kafka's rule")
  void settingsAndTopicNames() {
    assertThatThrownBy(
            () ->
                KafkaSettings.from(
                    new JsonObject().put("deliveryTimeoutMs", 500).put("lingerMs", 5)))
        .hasMessageContaining("kafka.deliveryTimeoutMs");
    assertThat(Topics.isValidName("reflex.events")).isTrue();
    assertThat(Topics.isValidName("bad topic")).isFalse();
  }

  @Test
  @DisplayName("consumers batch their fetches by default, and extra properties may say otherwise")
  void fetchBatchingDefaultsGiveWayToProperties() {
    Map<String, Object> byDefault = KafkaSettings.from(new JsonObject()).consumer("c", "g", 100);
    assertThat(byDefault)
        .containsEntry(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 65536)
        .containsEntry(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5);
    Map<String, Object> overridden =
        KafkaSettings.from(
                new JsonObject().put("properties", new JsonObject().put("fetch.max.wait.ms", 100)))
            .consumer("c", "g", 100);
    assertThat(overridden).containsEntry(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
  }

  private static ConsumerRecord<String, byte[]> consumed(ProducerRecord<String, byte[]> produced) {
    return new ConsumerRecord<>(
        produced.topic(),
        0,
        0L,
        0L,
        TimestampType.CREATE_TIME,
        -1,
        -1,
        produced.key(),
        produced.value(),
        produced.headers(),
        Optional.empty());
  }
}
