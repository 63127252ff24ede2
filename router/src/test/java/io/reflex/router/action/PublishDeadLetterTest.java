package io.reflex.router.action;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.reflex.common.bus.Addresses;
import io.reflex.common.bus.Codecs;
import io.reflex.common.event.CloudEvent;
import io.reflex.common.event.EventBatch;
import io.reflex.common.ops.MeshContext;
import io.reflex.common.testing.Events;
import io.reflex.common.testing.KafkaBroker;
import io.reflex.router.RouterVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import io.vertx.micrometer.backends.BackendRegistries;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A rule's publish that the real broker refuses (the topic takes records of at most 64 bytes) is
 * retried with backoff up to the rule's limit, then written to the dead-letter topic with the
 * reason; another rule's publish of the same event goes through meanwhile; both are counted.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class PublishDeadLetterTest {

  private static final String RUN = Long.toString(System.nanoTime());
  private static final String TINY = "tiny." + RUN;
  private static final String FINE = "fine." + RUN;
  private static final String DEAD = "dead." + RUN;
  private static final String REGISTRY = "publish-dead-letter-" + RUN;

  private static KafkaBroker broker;
  private static Vertx vertx;

  @BeforeAll
  static void start() throws Exception {
    Path dir = Files.createDirectories(Path.of("target", "publish-dead-letter", RUN));
    broker = KafkaBroker.start(dir.resolve("broker"));
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      admin
          .createTopics(
              List.of(
                  new NewTopic(TINY, 1, (short) 1).configs(Map.of("max.message.bytes", "64")),
                  new NewTopic(FINE, 1, (short) 1),
                  new NewTopic(DEAD, 1, (short) 1)))
          .all()
          .get(60, TimeUnit.SECONDS);
    }
    Path rules = dir.resolve("rules.yaml");
    Files.writeString(
        rules,
        String.join(
            "\n",
            "rules:",
            "  - id: to-tiny",
            "    pattern: {type: [reflex.metric]}",
            "    actions:",
            "      - publish: {topic: "
                + TINY
                + ", retry: {attempts: 3, backoffMs: 20, maxBackoffMs: 100},",
            "                  deadLetter: " + DEAD + "}",
            "  - id: to-fine",
            "    pattern: {type: [reflex.metric]}",
            "    actions:",
            "      - publish: {topic: " + FINE + "}",
            ""));
    vertx =
        Vertx.vertx(
            new VertxOptions()
                .setMetricsOptions(
                    new MicrometerMetricsOptions()
                        .setEnabled(true)
                        .setRegistryName(REGISTRY)
                        .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true))));
    Codecs.register(vertx);
    JsonObject config =
        new JsonObject()
            .put("rules", new JsonObject().put("path", rules.toString()).put("scanPeriodMs", 0))
            .put(
                MeshContext.KEY,
                MeshContext.describe(
                    REGISTRY,
                    false,
                    new JsonObject(),
                    new JsonObject().put("bootstrapServers", broker.bootstrapServers()),
                    false));
    vertx
        .deployVerticle(new RouterVerticle(), new DeploymentOptions().setConfig(config))
        .await(60, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    if (vertx != null) {
      vertx.close().await(30, TimeUnit.SECONDS);
    }
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  @DisplayName(
      "a refused publish is retried, then dead-lettered with the reason, and never holds up another rule's")
  void deadLetter() {
    String id = "big-" + UUID.randomUUID();
    vertx
        .eventBus()
        .send(
            Addresses.ROUTER_ROUTE,
            EventBatch.of(CloudEvent.wrap(Events.metric(id, "temperature/dl", 42, Instant.now()))));

    ConsumerRecord<String, byte[]> fine = first(FINE, id);
    assertThat(new String(fine.value(), StandardCharsets.UTF_8)).contains(id);

    ConsumerRecord<String, byte[]> letter = first(DEAD, id);
    assertThat(header(letter, Sink.RULE)).isEqualTo("to-tiny");
    assertThat(header(letter, Sink.TOPIC)).isEqualTo(TINY);
    assertThat(header(letter, Sink.ATTEMPTS)).isEqualTo("3");
    assertThat(header(letter, Sink.REASON)).contains("RecordTooLarge");

    MeterRegistry meters = BackendRegistries.getNow(REGISTRY);
    assertThat(meters.find("reflex_sink_records").tag("result", "retried").counter().count())
        .isEqualTo(2);
    assertThat(meters.find("reflex_sink_records").tag("result", "dead_lettered").counter().count())
        .isEqualTo(1);
    assertThat(meters.find("reflex_sink_records").tag("result", "published").counter().count())
        .isEqualTo(1);
  }

  /**
   * Polls the topic from its start until a record carrying {@code id} arrives (the test's timeout
   * bounds it).
   */
  private static ConsumerRecord<String, byte[]> first(String topic, String id) {
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest"),
            new StringDeserializer(),
            new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      while (true) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        consumer.poll(Duration.ofMillis(500)).forEach(records::add);
        for (ConsumerRecord<String, byte[]> record : records) {
          if (new String(record.value(), StandardCharsets.UTF_8).contains(id)) {
            return record;
          }
        }
      }
    }
  }

  private static String header(ConsumerRecord<String, byte[]> record, String name) {
    return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }
}
