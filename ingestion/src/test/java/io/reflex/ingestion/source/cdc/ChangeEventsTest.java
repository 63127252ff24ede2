package io.reflex.ingestion.source.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reflex.ingestion.source.SourceSettings;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Settings of a postgres-cdc source and the mapping of a Debezium change to a CloudEvent (pure
 * logic).
 */
class ChangeEventsTest {

  private static CdcSettings settings(JsonObject... tables) {
    JsonArray tableList = new JsonArray().add("public.orders");
    for (JsonObject table : tables) {
      tableList.add(table);
    }
    return CdcSettings.parse(
            new JsonArray()
                .add(
                    new JsonObject()
                        .put("name", "kafka-one")
                        .put("topics", new JsonArray().add("t")))
                .add(
                    new JsonObject()
                        .put("name", "shop-db")
                        .put("kind", "postgres-cdc")
                        .put("database", "shop")
                        .put("user", "reflex")
                        .put("slot", "reflex_shop")
                        .put("publication", "reflex_shop")
                        .put("tables", tableList)))
        .get(0);
  }

  private static JsonObject change(String op, String table, JsonObject before, JsonObject after) {
    return new JsonObject()
        .put("op", op)
        .put("before", before)
        .put("after", after)
        .put(
            "source",
            new JsonObject()
                .put("schema", "public")
                .put("table", table)
                .put("lsn", 24_023_128L)
                .put("ts_ms", 1_780_000_000_123L)
                .put("ts_us", 1_780_000_000_123_456L));
  }

  @Test
  @DisplayName(
      "an insert becomes db.<schema>.<table>.insert, keyed by the row, at commit time, id from the LSN")
  void insert() {
    JsonObject row = new JsonObject().put("id", 7).put("amount", 900.0);
    JsonObject event =
        ChangeEvents.toEvent(
            settings(), new JsonObject().put("id", 7), change("c", "orders", null, row));
    assertThat(event.getString("type")).isEqualTo("db.public.orders.insert");
    assertThat(event.getString("subject")).isEqualTo("7");
    assertThat(event.getString("id")).isEqualTo("lsn-24023128/7");
    assertThat(event.getString("source")).isEqualTo("postgres-cdc://shop-db/shop");
    assertThat(event.getString("time")).isEqualTo("2026-05-28T20:26:40.123456Z");
    assertThat(event.getJsonObject("data")).isEqualTo(new JsonObject().put("after", row));
  }

  @Test
  @DisplayName(
      "update and delete carry the before image; a table's own types replace the default per operation")
  void updateDeleteAndOwnTypes() {
    CdcSettings settings =
        settings(
            new JsonObject()
                .put("name", "sales.refunds")
                .put("types", new JsonObject().put("insert", "shop.refund")));
    JsonObject old = new JsonObject().put("id", 7).put("amount", 900.0);
    JsonObject updated =
        ChangeEvents.toEvent(
            settings,
            new JsonObject().put("id", 7),
            change("u", "orders", old, old.copy().put("amount", 950.0)));
    assertThat(updated.getString("type")).isEqualTo("db.public.orders.update");
    assertThat(updated.getJsonObject("data").getJsonObject("before")).isEqualTo(old);
    JsonObject deleted =
        ChangeEvents.toEvent(
            settings, new JsonObject().put("id", 7), change("d", "orders", old, null));
    assertThat(deleted.getJsonObject("data").getJsonObject("before")).isEqualTo(old);
    assertThat(deleted.getJsonObject("data").getValue("after")).isNull();
    JsonObject refund = change("c", "refunds", null, new JsonObject().put("id", 1));
    refund.getJsonObject("source").put("schema", "sales");
    assertThat(
            ChangeEvents.toEvent(settings, new JsonObject().put("id", 1), refund).getString("type"))
        .isEqualTo("shop.refund");
    assertThat(
            ChangeEvents.toEvent(settings, null, change("c", "unlisted", null, new JsonObject())))
        .isNull();
  }

  @Test
  @DisplayName("a composite key is the subject joined with '/', part of the id with the LSN")
  void compositeKey() {
    JsonObject key = new JsonObject().put("order_id", 7).put("line", 2);
    JsonObject event =
        ChangeEvents.toEvent(settings(), key, change("c", "orders", null, new JsonObject()));
    assertThat(event.getString("subject")).isEqualTo("7/2");
    assertThat(event.getString("id")).isEqualTo("lsn-24023128/7/2");
  }

  @Test
  @DisplayName("bad settings are refused with the source, the key and the reason")
  void badSettings() {
    JsonObject good =
        new JsonObject()
            .put("name", "db")
            .put("kind", "postgres-cdc")
            .put("database", "shop")
            .put("user", "reflex")
            .put("slot", "reflex_shop")
            .put("publication", "p")
            .put("tables", new JsonArray().add("public.orders"));
    assertThat(CdcSettings.parse(new JsonArray().add(good)).get(0).tables())
        .extracting(CdcSettings.Table::qualified)
        .isEqualTo(List.of("public.orders"));
    assertThatThrownBy(
            () -> CdcSettings.parse(new JsonArray().add(good.copy().put("password", "x"))))
        .hasMessageContaining("ingestion.sources[0] (db)")
        .hasMessageContaining("passwordFile");
    JsonObject noSlot = good.copy();
    noSlot.remove("slot");
    assertThatThrownBy(() -> CdcSettings.parse(new JsonArray().add(noSlot)))
        .hasMessageContaining("slot is required");
    assertThatThrownBy(
            () -> CdcSettings.parse(new JsonArray().add(good.copy().put("slot", "Bad-Slot"))))
        .hasMessageContaining("Bad-Slot");
    assertThatThrownBy(
            () ->
                CdcSettings.parse(
                    new JsonArray().add(good.copy().put("tables", new JsonArray().add("orders")))))
        .hasMessageContaining("table 'orders' must be named schema.table");
    assertThatThrownBy(
            () ->
                CdcSettings.parse(
                    new JsonArray()
                        .add(
                            good.copy()
                                .put(
                                    "tables",
                                    new JsonArray()
                                        .add(
                                            new JsonObject()
                                                .put("name", "public.orders")
                                                .put(
                                                    "types",
                                                    new JsonObject().put("upsert", "x")))))))
        .hasMessageContaining("types.upsert is no operation");
    assertThatThrownBy(
            () -> SourceSettings.parse(new JsonArray().add(good.copy().put("kind", "mysql-cdc"))))
        .hasMessageContaining("kind must be kafka or postgres-cdc, was 'mysql-cdc'");
  }
}
