package io.reflex.ingestion.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SourceSettingsTest {

  @Test
  @DisplayName("source settings name the entry and the field of every mistake")
  void refusals() {
    assertThatThrownBy(
            () ->
                SourceSettings.parse(
                    new JsonArray().add(new JsonObject().put("topics", new JsonArray().add("t")))))
        .hasMessageContaining("ingestion.sources[0]")
        .hasMessageContaining("name");
    assertThatThrownBy(
            () -> SourceSettings.parse(new JsonArray().add(new JsonObject().put("name", "a"))))
        .hasMessageContaining("(a)")
        .hasMessageContaining("topics");
    assertThatThrownBy(
            () -> SourceSettings.parse(new JsonArray().add(source("a").put("format", "avro"))))
        .hasMessageContaining("cloudevents or json");
    assertThatThrownBy(
            () -> SourceSettings.parse(new JsonArray().add(source("a").put("format", "json"))))
        .hasMessageContaining("json.type");
    assertThatThrownBy(
            () -> SourceSettings.parse(new JsonArray().add(source("a")).add(source("a"))))
        .hasMessageContaining("used twice");
    assertThat(SourceSettings.parse(new JsonArray().add(source("orders"))).get(0).group())
        .isEqualTo("reflex-source-orders");
  }

  @Test
  @DisplayName(
      "a plain JSON record becomes an event with the mapped id, subject and time, and the object as data")
  void jsonMapping() {
    SourceSettings orders =
        SourceSettings.parse(
                new JsonArray()
                    .add(
                        source("orders")
                            .put("format", "json")
                            .put(
                                "json",
                                new JsonObject()
                                    .put("type", "shop.purchase")
                                    .put("id", "order.id")
                                    .put("subject", "customer")
                                    .put("time", "at"))))
            .get(0);
    JsonObject order =
        new JsonObject()
            .put("order", new JsonObject().put("id", 42))
            .put("customer", "c-7")
            .put("at", 1_767_225_600_000L)
            .put("amount", 10);
    JsonObject event = RecordEvents.toEvent(orders, record("shop.orders", order.encode(), 3, 99));
    assertThat(event.getString("id")).isEqualTo("42");
    assertThat(event.getString("source")).isEqualTo("kafka://shop.orders");
    assertThat(event.getString("type")).isEqualTo("shop.purchase");
    assertThat(event.getString("subject")).isEqualTo("c-7");
    assertThat(event.getString("time")).isEqualTo("2026-01-01T00:00:00Z");
    assertThat(event.getJsonObject("data")).isEqualTo(order);

    SourceSettings unmapped =
        SourceSettings.parse(
                new JsonArray()
                    .add(
                        source("raw")
                            .put("format", "json")
                            .put("json", new JsonObject().put("type", "raw.thing"))))
            .get(0);
    assertThat(RecordEvents.toEvent(unmapped, record("raw", "{}", 1, 7)).getString("id"))
        .isEqualTo("raw-1-7");
    assertThatThrownBy(() -> RecordEvents.toEvent(orders, record("shop.orders", "{}", 0, 0)))
        .hasMessageContaining("mapped to id");
  }

  private static JsonObject source(String name) {
    return new JsonObject().put("name", name).put("topics", new JsonArray().add("t"));
  }

  private static ConsumerRecord<String, byte[]> record(
      String topic, String value, int partition, long offset) {
    return new ConsumerRecord<>(
        topic, partition, offset, null, value.getBytes(StandardCharsets.UTF_8));
  }
}
