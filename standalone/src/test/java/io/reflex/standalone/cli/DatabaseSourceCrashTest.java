package io.reflex.standalone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.reflex.common.testing.FreePort;
import io.reflex.common.testing.KafkaBroker;
import io.reflex.eventlog.CloudEventRecords;
import io.reflex.eventlog.KafkaSettings;
import io.reflex.standalone.TestPostgres;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * kill -9 of a durable standalone mesh while a database source streams row changes: after the
 * restart every change committed in the database is in the event log exactly once (none lost, none
 * logged twice), and the router's committed position reaches the end of the log. The mesh runs as
 * its own process, the broker in another, the database in a third.
 */
class DatabaseSourceCrashTest {

  private static final int ROWS = 3000;
  private static final int ROWS_PER_TRANSACTION = 20;

  @Test
  @Timeout(value = 15, unit = TimeUnit.MINUTES)
  @DisplayName(
      "kill -9 of the mesh mid-stream: every committed row change reaches the log and the router exactly once")
  void killedMidStream() throws Exception {
    Path dir = Files.createTempDirectory("reflex-cdc-crash");
    String topic = "reflex.events.cdc-" + System.nanoTime();
    try (KafkaBroker broker = KafkaBroker.start(dir.resolve("broker"));
        TestPostgres postgres = TestPostgres.start()) {
      postgres.execute("postgres", "CREATE DATABASE shop");
      postgres.execute(
          "shop",
          "CREATE TABLE orders (id integer PRIMARY KEY, amount numeric(10,2))",
          "CREATE PUBLICATION reflex_orders FOR TABLE orders");
      int port = FreePort.find();
      Path config = dir.resolve("reflex.yaml");
      Files.writeString(
          config,
          new JsonObject()
              .put("gateway", new JsonObject().put("http", new JsonObject().put("port", port)))
              .put("durable", true)
              .put(
                  "kafka",
                  new JsonObject()
                      .put("bootstrapServers", broker.bootstrapServers())
                      .put("eventsTopic", topic))
              .put(
                  "ingestion",
                  new JsonObject()
                      .put(
                          "sources",
                          new JsonArray()
                              .add(
                                  new JsonObject()
                                      .put("name", "orders-db")
                                      .put("kind", "postgres-cdc")
                                      .put("port", postgres.port())
                                      .put("database", "shop")
                                      .put("user", TestPostgres.USER)
                                      .put("passwordFile", postgres.passwordFile().toString())
                                      .put("slot", "reflex_orders")
                                      .put("publication", "reflex_orders")
                                      .put("tables", new JsonArray().add("public.orders"))
                                      .put("maxBatch", 100))))
              .encodePrettily());

      ReflexProcess mesh = ReflexProcess.start(null, "standalone", "--config", config.toString());
      awaitReady(port, mesh);
      ReflexProcess restarted = null;
      try {
        for (int first = 1; first <= ROWS; first += ROWS_PER_TRANSACTION) {
          StringBuilder insert = new StringBuilder("INSERT INTO orders (id, amount) VALUES ");
          for (int id = first; id < first + ROWS_PER_TRANSACTION; id++) {
            insert
                .append(id == first ? "" : ", ")
                .append('(')
                .append(id)
                .append(", ")
                .append(id % 1000)
                .append(')');
          }
          postgres.execute("shop", insert.toString());
          if (first == ROWS / 3 + 1) {
            mesh.destroy(); // SIGKILL, with the source's batches in flight
            mesh.waitForExit();
            restarted = ReflexProcess.start(null, "standalone", "--config", config.toString());
          }
        }
        Map<String, Integer> logged = awaitLogged(broker, topic, Duration.ofMinutes(5));
        assertThat(logged.keySet()).as("rows whose insert is in the log").hasSize(ROWS);
        assertThat(
                logged.entrySet().stream()
                    .filter(row -> row.getValue() > 1)
                    .map(Map.Entry::getKey)
                    .toList())
            .as("rows whose insert the log holds more than once")
            .isEmpty();
        awaitRouterAtEnd(broker, topic, Duration.ofMinutes(3));
      } finally {
        if (restarted != null) {
          restarted.destroy();
        }
        mesh.destroy();
      }
    }
  }

  private static void awaitReady(int port, ReflexProcess mesh) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
    String last = "";
    while (System.nanoTime() < until) {
      try {
        HttpResponse<String> ready =
            http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (ready.statusCode() == 200) {
          return;
        }
        last = ready.body();
      } catch (java.io.IOException notYet) {
        last = notYet.toString();
      }
      Thread.sleep(250);
    }
    throw new AssertionError("the mesh never became ready: " + last + "; stderr: " + mesh.stderr());
  }

  /**
   * Per row id, how many insert events of the source the log holds, once it holds every row (or
   * time is up).
   */
  private static Map<String, Integer> awaitLogged(KafkaBroker broker, String topic, Duration limit)
      throws Exception {
    Map<String, Integer> rows = new HashMap<>();
    KafkaSettings kafka =
        KafkaSettings.from(new JsonObject().put("bootstrapServers", broker.bootstrapServers()));
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(kafka.consumer("crash-test", "crash-test", 1000))) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
              .map(info -> new TopicPartition(info.topic(), info.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long until = System.nanoTime() + limit.toNanos();
      while (rows.size() < ROWS && System.nanoTime() < until) {
        count(consumer, rows);
      }
      // Whatever else is already in the log (a second copy written late) is counted too.
      for (int quiet = 0; quiet < 3; quiet++) {
        count(consumer, rows);
      }
    }
    return rows;
  }

  private static void count(KafkaConsumer<String, byte[]> consumer, Map<String, Integer> rows) {
    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
      JsonObject event = CloudEventRecords.read(record);
      if ("db.public.orders.insert".equals(event.getString("type"))) {
        rows.merge(event.getString("subject"), 1, Integer::sum);
      }
    }
  }

  /**
   * The router's group has committed every record of the log: each change was routed, none is left
   * behind.
   */
  private static void awaitRouterAtEnd(KafkaBroker broker, String topic, Duration limit)
      throws Exception {
    KafkaSettings kafka =
        KafkaSettings.from(new JsonObject().put("bootstrapServers", broker.bootstrapServers()));
    try (Admin admin = Admin.create(kafka.admin("crash-test-admin"))) {
      long until = System.nanoTime() + limit.toNanos();
      Map<TopicPartition, Long> behind = Map.of();
      while (System.nanoTime() < until) {
        Map<TopicPartition, OffsetAndMetadata> committed =
            admin.listConsumerGroupOffsets("reflex-router").partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, OffsetSpec> latest =
            committed.keySet().stream()
                .filter(p -> p.topic().equals(topic))
                .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin
            .listOffsets(latest)
            .all()
            .get()
            .forEach((partition, info) -> ends.put(partition, info.offset()));
        behind =
            ends.entrySet().stream()
                .filter(end -> committed.get(end.getKey()).offset() < end.getValue())
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        if (!ends.isEmpty() && behind.isEmpty()) {
          return;
        }
        Thread.sleep(500);
      }
      throw new AssertionError(
          "the router's committed position stays behind the log's end: " + behind);
    }
  }
}
