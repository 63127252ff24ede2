package io.reflex.standalone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.reflex.common.launch.Mesh;
import io.reflex.common.launch.MeshLauncher;
import io.reflex.common.testing.FreePort;
import io.reflex.common.testing.KafkaBroker;
import io.reflex.common.testing.WsTestClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Kafka on both sides of a durable mesh: topics consumed as event sources (plain JSON mapped to
 * events, and the CloudEvents binding, with a dead-letter topic for records that are no valid
 * event), a rule publishing to a topic, and {@code reflex replay} running the event log through a
 * new rule.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
@ExtendWith(VertxExtension.class)
class KafkaPipelineTest {

  private static final String RUN = Long.toString(System.nanoTime());
  private static final String EVENTS = "reflex.events." + RUN;
  private static final String ORDERS = "orders." + RUN;
  private static final String CLOUDEVENTS = "ce." + RUN;
  private static final String DEAD = "dead." + RUN;
  private static final String ALERTS = "alerts." + RUN;

  private static KafkaBroker broker;
  private static Mesh mesh;
  private static Vertx clients;
  private static int port;
  private static KafkaProducer<String, byte[]> producer;
  private static Path dir;

  @BeforeAll
  static void start(Vertx injected) throws Exception {
    dir = Files.createDirectories(Path.of("target", "kafka-pipeline", RUN));
    broker = KafkaBroker.start(dir.resolve("broker"));
    Path rules = dir.resolve("rules.yaml");
    Files.writeString(
        rules,
        Files.readString(Path.of("../router/src/main/resources/rules/default-rules.yaml"))
            + String.join(
                "\n",
                "  - id: overheating-to-topic",
                "    pattern:",
                "      type: [iot.overheating]",
                "    actions:",
                "      - publish: {topic: " + ALERTS + ", mode: binary}",
                ""));
    port = FreePort.find();
    JsonArray sources =
        new JsonArray()
            .add(
                new JsonObject()
                    .put("name", "orders")
                    .put("topics", new JsonArray().add(ORDERS))
                    .put("format", "json")
                    .put(
                        "json",
                        new JsonObject()
                            .put("type", "reflex.metric")
                            .put("id", "ref")
                            .put("subject", "sensor")
                            .put("time", "at")))
            .add(
                new JsonObject()
                    .put("name", "ce")
                    .put("topics", new JsonArray().add(CLOUDEVENTS))
                    .put("deadLetterTopic", DEAD));
    mesh =
        MeshLauncher.start(
                new MeshLauncher.Options(
                    false,
                    List.of(),
                    null,
                    new JsonObject()
                        .put("durable", true)
                        .put(
                            "kafka",
                            new JsonObject()
                                .put("bootstrapServers", broker.bootstrapServers())
                                .put("eventsTopic", EVENTS))
                        .put("ingestion", new JsonObject().put("sources", sources))
                        .put(
                            "router",
                            new JsonObject()
                                .put(
                                    "rules",
                                    new JsonObject()
                                        .put("path", rules.toAbsolutePath().toString())))
                        .put(
                            "gateway",
                            new JsonObject().put("http", new JsonObject().put("port", port)))))
            .await();
    clients = injected;
    producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class.getName()));
  }

  @AfterAll
  static void stop() throws Exception {
    producer.close();
    mesh.close().await();
    broker.close();
  }

  @Test
  @DisplayName(
      "a plain JSON record on a source topic becomes an event: scored, matched, and published to a topic "
          + "by a rule in the CloudEvents binary mode")
  void jsonSourceToSink() throws Exception {
    try (WsTestClient client = subscriber("reflex.anomaly.scored")) {
      String ref = "order-" + UUID.randomUUID();
      JsonObject order =
          new JsonObject()
              .put("ref", ref)
              .put("sensor", "temperature/source-1")
              .put("at", "2026-05-01T10:00:00Z")
              .put("value", 95);
      producer
          .send(new ProducerRecord<>(ORDERS, "temperature/source-1", order.toBuffer().getBytes()))
          .get();

      JsonObject scored = client.awaitEvent("out", e -> ref.equals(e.getString("causationid")));
      assertThat(scored.getString("subject")).isEqualTo("temperature/source-1");
      assertThat(scored.getJsonObject("data").getDouble("value")).isEqualTo(95.0);

      ConsumerRecord<String, byte[]> alert =
          awaitRecord(ALERTS, record -> ref.equals(header(record, "ce_causationid")));
      assertThat(header(alert, "ce_type")).isEqualTo("iot.overheating");
      assertThat(header(alert, "ce_specversion")).isEqualTo("1.0");
      assertThat(header(alert, "content-type")).isEqualTo("application/json");
      assertThat(
              new JsonObject(new String(alert.value(), StandardCharsets.UTF_8))
                  .getDouble("celsius"))
          .isEqualTo(95.0);
    }
  }

  @Test
  @DisplayName(
      "CloudEvents in binary and structured mode are both read; a record that is no valid event goes to the "
          + "dead-letter topic with the reason, and the records after it are still taken")
  void cloudEventsSourceWithDeadLetters() throws Exception {
    try (WsTestClient client = subscriber("reflex.anomaly.scored")) {
      String binaryId = "bin-" + UUID.randomUUID();
      ProducerRecord<String, byte[]> binary =
          new ProducerRecord<>(
              CLOUDEVENTS,
              "temperature/ce-1",
              new JsonObject().put("value", 21).toBuffer().getBytes());
      binary
          .headers()
          .add("ce_specversion", bytes("1.0"))
          .add("ce_id", bytes(binaryId))
          .add("ce_source", bytes("kafka://test"))
          .add("ce_type", bytes("reflex.metric"))
          .add("ce_subject", bytes("temperature/ce-1"))
          .add("ce_time", bytes("2026-05-01T10:00:00Z"))
          .add("content-type", bytes("application/json"));
      ProducerRecord<String, byte[]> invalid =
          new ProducerRecord<>(
              CLOUDEVENTS,
              "x",
              new JsonObject()
                  .put("specversion", "1.0")
                  .put("id", "no-type")
                  .put("source", "kafka://test")
                  .toBuffer()
                  .getBytes());
      invalid.headers().add("content-type", bytes("application/cloudevents+json"));
      String structuredId = "str-" + UUID.randomUUID();
      ProducerRecord<String, byte[]> structured =
          new ProducerRecord<>(
              CLOUDEVENTS,
              "temperature/ce-2",
              new JsonObject()
                  .put("specversion", "1.0")
                  .put("id", structuredId)
                  .put("source", "kafka://test")
                  .put("type", "reflex.metric")
                  .put("subject", "temperature/ce-2")
                  .put("time", "2026-05-01T10:00:00Z")
                  .put("data", new JsonObject().put("value", 22))
                  .toBuffer()
                  .getBytes());
      structured
          .headers()
          .add("content-type", bytes("application/cloudevents+json; charset=utf-8"));
      producer.send(binary).get();
      producer.send(invalid).get();
      producer.send(structured).get();

      assertThat(
              client
                  .awaitEvent("out", e -> binaryId.equals(e.getString("causationid")))
                  .getJsonObject("data")
                  .getDouble("value"))
          .isEqualTo(21.0);
      assertThat(
              client
                  .awaitEvent("out", e -> structuredId.equals(e.getString("causationid")))
                  .getJsonObject("data")
                  .getDouble("value"))
          .isEqualTo(22.0);
      ConsumerRecord<String, byte[]> dead = awaitRecord(DEAD, record -> "x".equals(record.key()));
      assertThat(header(dead, "reflex-error")).startsWith("missing_attribute").contains("type");
    }
  }

  @Test
  @DisplayName(
      "replay runs the event log through a new rule: its derived events are printed, marked as replayed and "
          + "caused by the logged events")
  void replayThroughANewRule() throws Exception {
    String ref = "replay-" + UUID.randomUUID();
    logReading(ref, "temperature/replay", "2026-05-02T10:00:00Z", 61);
    Path rules = dir.resolve("replay-rules.yaml");
    Files.writeString(
        rules,
        String.join(
            "\n",
            "rules:",
            "  - id: warm-readings",
            "    pattern:",
            "      type: [reflex.metric]",
            "      data:",
            "        value: [{numeric: ['>', 60]}]",
            "    actions:",
            "      - deliver: anomaly",
            "      - emit:",
            "          type: test.warm",
            ""));

    ReflexProcess replay =
        ReflexProcess.run(
            null,
            "replay",
            "--from",
            "1h",
            "--rules",
            rules.toString(),
            "--kafka",
            broker.bootstrapServers(),
            "--topic",
            EVENTS,
            "--quiet");

    assertThat(replay.exitCode()).as(replay.stderr()).isZero();
    List<JsonObject> outputs = replay.stdout().lines().map(JsonObject::new).toList();
    assertThat(outputs)
        .isNotEmpty()
        .allSatisfy(
            output -> {
              assertThat(output.getString("type")).isEqualTo("test.warm");
              assertThat(output.getBoolean("reflexreplayed")).isTrue();
              assertThat(output.getString("ruleid")).isEqualTo("warm-readings");
            });
    assertThat(outputs).anyMatch(output -> ref.equals(output.getString("causationid")));
    assertThat(replay.stderr()).contains("replayed", "warm-readings");

    ReflexProcess bad =
        ReflexProcess.run(
            null, "replay", "--from", "yesterday", "--kafka", broker.bootstrapServers());
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.stderr()).contains("'yesterday'", "RFC 3339");
  }

  @Test
  @DisplayName(
      "replay --diff runs the log through the running and a candidate rule set and reports, per rule, the "
          + "outputs added, removed and changed, and the rules whose hit rate moved most")
  void shadowReplay() throws Exception {
    String ref = "shadow-" + UUID.randomUUID();
    logReading(ref, "temperature/shadow", "2026-05-02T11:00:00Z", 75);
    Path running = dir.resolve("rules.yaml");
    Path candidate = dir.resolve("candidate.yaml");
    Files.writeString(
        candidate,
        Files.readString(running)
            .replaceFirst("\\[\">\", 90]", "['>', 70]")
            .replace(
                "message: \"${subject} reads ${data.value}\"", "message: \"hot: ${data.value}\""));

    ReflexProcess diff =
        ReflexProcess.run(
            null,
            "replay",
            "--from",
            "1h",
            "--diff",
            "--running",
            running.toString(),
            "--rules",
            candidate.toString(),
            "--kafka",
            broker.bootstrapServers(),
            "--topic",
            EVENTS,
            "--quiet");

    assertThat(diff.exitCode()).as(diff.stderr()).isZero();
    assertThat(diff.stdout())
        .contains(
            "events replayed through both rule sets; nothing was published",
            "  overheating: ",
            "    + emit {",
            "\"causationid\":\"" + ref + "\"",
            "  overheating-to-topic: ",
            "    + publish " + ALERTS,
            "hit rate moved most",
            "  overheating +");

    ReflexProcess json =
        ReflexProcess.run(
            null,
            "replay",
            "--from",
            "1h",
            "--diff",
            "--json",
            "--running",
            running.toString(),
            "--rules",
            candidate.toString(),
            "--kafka",
            broker.bootstrapServers(),
            "--topic",
            EVENTS,
            "--quiet");
    JsonObject report = new JsonObject(json.stdout());
    JsonObject overheating =
        report.getJsonArray("rules").stream()
            .map(JsonObject.class::cast)
            .filter(rule -> "overheating".equals(rule.getString("rule")))
            .findFirst()
            .orElseThrow();
    assertThat(overheating.getInteger("added")).isPositive();
    assertThat(overheating.getInteger("removed")).isZero();
    assertThat(report.getJsonArray("moved").getJsonObject(0).getString("rule"))
        .isIn("overheating", "overheating-to-topic");

    ReflexProcess noCandidate =
        ReflexProcess.run(
            null, "replay", "--from", "1h", "--diff", "--kafka", broker.bootstrapServers());
    assertThat(noCandidate.exitCode()).isEqualTo(2);
    assertThat(noCandidate.stderr()).contains("pass --rules FILE");
  }

  /**
   * A reading on the orders topic, returned once the mesh scored it: it is in the event log by
   * then.
   */
  private static void logReading(String ref, String sensor, String at, double value)
      throws Exception {
    try (WsTestClient client = subscriber("reflex.anomaly.scored")) {
      JsonObject order =
          new JsonObject().put("ref", ref).put("sensor", sensor).put("at", at).put("value", value);
      producer.send(new ProducerRecord<>(ORDERS, sensor, order.toBuffer().getBytes())).get();
      client.awaitEvent("out", e -> ref.equals(e.getString("causationid")));
    }
  }

  private static WsTestClient subscriber(String type) {
    WsTestClient client = WsTestClient.connect(clients, port);
    assertThat(
            client
                .request(
                    new JsonObject()
                        .put("op", "subscribe")
                        .put("ref", "s")
                        .put("sub", "out")
                        .put("pattern", new JsonObject().put("type", new JsonArray().add(type))))
                .getString("op"))
        .isEqualTo("subscribed");
    return client;
  }

  private static ConsumerRecord<String, byte[]> awaitRecord(
      String topic, Predicate<ConsumerRecord<String, byte[]>> match) {
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                    ByteArrayDeserializer.class.getName()))) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      List<TopicPartition> partitions = new ArrayList<>();
      while (partitions.isEmpty() && System.nanoTime() < deadline) {
        consumer
            .partitionsFor(topic, Duration.ofSeconds(5))
            .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          if (match.test(record)) {
            return record;
          }
        }
      }
    }
    throw new AssertionError("no matching record on " + topic);
  }

  private static String header(ConsumerRecord<String, byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
