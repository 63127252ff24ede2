package io.reflex.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.reflex.common.launch.Mesh;
import io.reflex.common.launch.MeshLauncher;
import io.reflex.common.testing.FreePort;
import io.reflex.common.testing.WsTestClient;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The {@code postgres-cdc} source through a standalone mesh and a real PostgreSQL: committed row
 * changes arrive as the documented events, rules derive events from them, order rows teach the
 * recommender, and a source whose publication is missing or whose slot was dropped is named in
 * readiness with what is wrong.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class DatabaseSourceMeshTest {

  private static final String RULES =
      """
      rules:
        - id: orders-seen
          pattern: {type: [{prefix: "db.public.orders."}]}
          actions:
            - emit: {type: test.change, subject: "${subject}", data: {type: "${type}", id: "${id}", source: "${source}",
                     time: "${time}", row: "${data}"}}
        - id: big-order
          pattern: {type: [db.public.orders.insert], data: {after: {amount: [{numeric: [">", 500]}]}}}
          actions:
            - emit: {type: shop.big-order, subject: "${subject}", data: {amount: "${data.after.amount}"}}
        - id: order-is-a-purchase
          pattern: {type: [db.public.orders.insert]}
          actions:
            - emit: {type: shop.purchase, subject: "${data.after.customer}",
                     data: {user: "${data.after.customer}", item: "${data.after.item}"}}
        - id: shopping-to-recommender
          pattern: {type: [shop.purchase]}
          actions:
            - deliver: recommender
      """;

  private static TestPostgres postgres;
  private static Path dataDir;
  private static Mesh mesh;
  private static int port;
  private static Vertx clients;
  private static WebClient http;

  @BeforeAll
  static void start() throws Exception {
    postgres = TestPostgres.start();
    postgres.execute("postgres", "CREATE DATABASE shop");
    postgres.execute(
        "shop",
        "CREATE TABLE orders (id serial PRIMARY KEY, customer text NOT NULL, item text NOT NULL, amount numeric(10,2))",
        "CREATE TABLE customers (id text PRIMARY KEY, name text)",
        "CREATE PUBLICATION reflex_shop FOR TABLE orders",
        "CREATE PUBLICATION reflex_customers FOR TABLE customers");
    dataDir = Files.createTempDirectory("reflex-cdc-data");
    Path rules = dataDir.resolve("rules.yaml");
    Files.writeString(rules, RULES);
    port = FreePort.find();
    JsonArray sources =
        new JsonArray()
            .add(source("shop-db", "reflex_shop", "reflex_shop", "public.orders"))
            .add(source("no-publication", "reflex_nopub", "nowhere", "public.orders"))
            .add(
                source("customers-db", "reflex_customers", "reflex_customers", "public.customers"));
    mesh =
        MeshLauncher.start(
                new MeshLauncher.Options(
                    false,
                    List.of(),
                    null,
                    new JsonObject()
                        .put(
                            "gateway",
                            new JsonObject().put("http", new JsonObject().put("port", port)))
                        .put(
                            "router",
                            new JsonObject()
                                .put("rules", new JsonObject().put("path", rules.toString())))
                        .put("ingestion", new JsonObject().put("sources", sources))))
            .await();
    clients = Vertx.vertx();
    http = WebClient.create(clients);
    awaitSources(states -> up(states, "shop-db") && up(states, "customers-db"));
  }

  @AfterAll
  static void stop() throws Exception {
    if (mesh != null) {
      http.close();
      clients.close().await();
      mesh.close().await();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  private static JsonObject source(String name, String slot, String publication, String table) {
    return new JsonObject()
        .put("name", name)
        .put("kind", "postgres-cdc")
        .put("port", postgres.port())
        .put("database", "shop")
        .put("user", TestPostgres.USER)
        .put("passwordFile", postgres.passwordFile().toString())
        .put("slot", slot)
        .put("publication", publication)
        .put("tables", new JsonArray().add(table))
        .put("dataDir", dataDir.toString());
  }

  @Test
  @DisplayName(
      "an insert, an update and a delete arrive as db.public.orders.<op> keyed by the row, with commit time, "
          + "the row's images and an id from the log position")
  void rowChanges() throws Exception {
    try (WsTestClient client = WsTestClient.connect(clients, port)) {
      subscribe(client, "changes", "test.change");
      Instant before = Instant.now();
      postgres.execute(
          "shop",
          "INSERT INTO orders (id, customer, item, amount) VALUES (1001, 'ann', 'lamp', 12.50)",
          "UPDATE orders SET amount = 15.00 WHERE id = 1001",
          "DELETE FROM orders WHERE id = 1001");
      Instant after = Instant.now();
      JsonObject insert = change(client, "db.public.orders.insert", "1001");
      JsonObject update = change(client, "db.public.orders.update", "1001");
      JsonObject delete = change(client, "db.public.orders.delete", "1001");

      assertThat(insert.getString("source")).isEqualTo("postgres-cdc://shop-db/shop");
      assertThat(insert.getJsonObject("row").getJsonObject("after").getMap())
          .containsEntry("customer", "ann")
          .containsEntry("item", "lamp")
          .containsEntry("amount", 12.5);
      assertThat(insert.getJsonObject("row").containsKey("before"))
          .as("an insert has no before image")
          .isFalse();
      assertThat(update.getJsonObject("row").getJsonObject("after").getDouble("amount"))
          .isEqualTo(15.0);
      assertThat(update.getJsonObject("row").containsKey("before")).isTrue();
      assertThat(delete.getJsonObject("row").getJsonObject("after")).isNull();
      assertThat(delete.getJsonObject("row").getJsonObject("before").getInteger("id"))
          .isEqualTo(1001);
      for (JsonObject change : List.of(insert, update, delete)) {
        assertThat(change.getString("id")).startsWith("lsn-").endsWith("/1001");
        assertThat(Instant.parse(change.getString("time")))
            .isBetween(before.minusSeconds(1), after.plusSeconds(1));
      }
      assertThat(List.of(insert.getString("id"), update.getString("id"), delete.getString("id")))
          .as("three changes, three log positions")
          .doesNotHaveDuplicates();
    }
  }

  @Test
  @DisplayName(
      "a rule on db.public.orders.insert with amount > 500 derives an event from the big order only")
  void ruleOnOrders() throws Exception {
    try (WsTestClient client = WsTestClient.connect(clients, port)) {
      subscribe(client, "big", "shop.big-order");
      subscribe(client, "changes", "test.change");
      postgres.execute(
          "shop",
          "INSERT INTO orders (id, customer, item, amount) VALUES (2001, 'bob', 'pen', 400)",
          "INSERT INTO orders (id, customer, item, amount) VALUES (2002, 'bob', 'sofa', 900)");
      change(client, "db.public.orders.insert", "2001");
      JsonObject bigInsert = change(client, "db.public.orders.insert", "2002");
      JsonObject big = client.awaitEvent("big", e -> true);
      assertThat(big.getString("subject")).isEqualTo("2002");
      assertThat(big.getString("causationid")).isEqualTo(bigInsert.getString("id"));
      assertThat(big.getJsonObject("data").getDouble("amount")).isEqualTo(900.0);
      assertThat(
              client.framesSoFar().stream()
                  .filter(
                      f -> "event".equals(f.getString("op")) && "big".equals(f.getString("sub")))
                  .count())
          .as("the 400 order derives nothing (its change came first)")
          .isEqualTo(1);
    }
  }

  @Test
  @DisplayName(
      "order rows teach the recommender purchases: what others bought with an item is recommended")
  void ordersTeachTheRecommender() throws Exception {
    StringBuilder inserts =
        new StringBuilder("INSERT INTO orders (customer, item, amount) VALUES ");
    for (int c = 0; c < 20; c++) {
      inserts
          .append(c == 0 ? "" : ", ")
          .append("('buyer-")
          .append(c)
          .append("', 'kettle', 30), ('buyer-")
          .append(c)
          .append("', 'teapot', 25)");
    }
    postgres.execute(
        "shop",
        inserts.toString(),
        "INSERT INTO orders (customer, item, amount) VALUES ('newcomer', 'kettle', 30)");
    JsonObject answer = new JsonObject();
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < until) {
      answer =
          http.get(port, "127.0.0.1", "/api/recommendations/newcomer?n=5")
              .send()
              .await()
              .bodyAsJsonObject();
      if (items(answer).contains("teapot")) {
        break;
      }
      Thread.sleep(200);
    }
    assertThat(items(answer))
        .as("recommendations for the newcomer who bought a kettle")
        .contains("teapot");
  }

  @Test
  @DisplayName("a missing publication and a dropped replication slot are named in /health/ready")
  void missingPublicationAndDroppedSlot() throws Exception {
    // Once it could ask the database (the database-down test may have stopped it a moment ago).
    JsonObject sources =
        awaitSources(
            s ->
                s.getJsonObject("no-publication")
                    .getString("reason", "")
                    .contains("publication 'nowhere'"));
    assertThat(sources.getJsonObject("no-publication").getString("reason"))
        .contains("publication 'nowhere' does not exist in database shop")
        .contains("CREATE PUBLICATION nowhere");

    // The customers source acknowledged a change, so its offsets exist; then its slot is dropped
    // under it.
    postgres.execute("shop", "INSERT INTO customers VALUES ('c1', 'Ann')");
    awaitAcknowledged("customers-db");
    dropSlot("reflex_customers");
    JsonObject afterDrop =
        awaitSources(
            s ->
                !up(s, "customers-db")
                    && s.getJsonObject("customers-db").getString("reason").contains("is gone"));
    assertThat(afterDrop.getJsonObject("customers-db").getString("reason"))
        .contains("postgres-cdc source customers-db")
        .contains("replication slot 'reflex_customers' is gone");
    HttpResponse<Buffer> ready = http.get(port, "127.0.0.1", "/health/ready").send().await();
    assertThat(ready.statusCode()).isEqualTo(503);
    assertThat(ready.bodyAsString()).contains("customers-db").contains("no-publication");
  }

  @Test
  @DisplayName(
      "while the database is down the source is named in readiness, and once it is back changes flow again")
  void databaseDown() throws Exception {
    try (WsTestClient client = WsTestClient.connect(clients, port)) {
      subscribe(client, "changes", "test.change");
      postgres.stopServer();
      JsonObject down = awaitSources(s -> !up(s, "shop-db"));
      assertThat(down.getJsonObject("shop-db").getString("reason"))
          .contains("postgres-cdc source shop-db");
      postgres.startServer();
      awaitSources(s -> up(s, "shop-db"));
      postgres.execute(
          "shop", "INSERT INTO orders (id, customer, item, amount) VALUES (3001, 'cy', 'mug', 8)");
      assertThat(change(client, "db.public.orders.insert", "3001").getString("type"))
          .isEqualTo("db.public.orders.insert");
    }
  }

  private static void awaitAcknowledged(String source) throws Exception {
    Path offsets = dataDir.resolve("cdc-" + source + ".offsets");
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!(Files.exists(offsets) && Files.size(offsets) > 0)) {
      assertThat(System.nanoTime()).as("offsets of " + source + " stored").isLessThan(until);
      Thread.sleep(100);
    }
  }

  /** Ends the walsender holding the slot and drops the slot before the source can take it again. */
  private static void dropSlot(String slot) throws Exception {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      try {
        postgres.execute(
            "shop",
            "SELECT pg_terminate_backend(active_pid) FROM pg_replication_slots "
                + "WHERE slot_name = '"
                + slot
                + "' AND active_pid IS NOT NULL");
        Thread.sleep(50);
        postgres.execute("shop", "SELECT pg_drop_replication_slot('" + slot + "')");
        return;
      } catch (SQLException stillActive) {
        assertThat(System.nanoTime())
            .as("slot " + slot + " dropped: " + stillActive.getMessage())
            .isLessThan(until);
      }
    }
  }

  private static JsonObject change(WsTestClient client, String type, String subject) {
    return client
        .await(
            f ->
                "event".equals(f.getString("op"))
                    && "changes".equals(f.getString("sub"))
                    && type.equals(f.getJsonObject("event").getJsonObject("data").getString("type"))
                    && subject.equals(f.getJsonObject("event").getString("subject")),
            60_000)
        .getJsonObject("event")
        .getJsonObject("data");
  }

  private static void subscribe(WsTestClient client, String sub, String type) {
    JsonObject reply =
        client.request(
            new JsonObject()
                .put("op", "subscribe")
                .put("ref", "s-" + sub)
                .put("sub", sub)
                .put("pattern", new JsonObject().put("type", new JsonArray().add(type))));
    assertThat(reply.getString("op")).isEqualTo("subscribed");
  }

  private static List<String> items(JsonObject recommendations) {
    return recommendations.getJsonArray("items", new JsonArray()).stream()
        .map(item -> ((JsonObject) item).getString("id"))
        .toList();
  }

  private static boolean up(JsonObject sources, String name) {
    JsonObject source = sources.getJsonObject(name);
    return source != null && "up".equals(source.getString("status"));
  }

  /**
   * The database sources as readiness reports them, once they satisfy the condition (within 3
   * minutes).
   */
  private static JsonObject awaitSources(Predicate<JsonObject> condition) throws Exception {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    JsonObject sources = new JsonObject();
    while (System.nanoTime() < until) {
      JsonObject health =
          http.get(port, "127.0.0.1", "/health/ready").send().await().bodyAsJsonObject();
      for (Object check : health.getJsonArray("checks", new JsonArray())) {
        JsonObject entry = (JsonObject) check;
        if ("sources".equals(entry.getString("id"))) {
          sources = entry.getJsonObject("data", new JsonObject());
        }
      }
      if (condition.test(sources)) {
        return sources;
      }
      Thread.sleep(250);
    }
    throw new AssertionError(
        "readiness never showed the expected sources; last: "
            + sources
            + "; database log: "
            + postgres.log());
  }
}
