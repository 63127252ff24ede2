package io.reflex.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.reflex.client.ClientOptions;
import io.reflex.client.ReflexClient;
import io.reflex.common.event.CloudEvent;
import io.reflex.common.testing.CuttableProxy;
import io.reflex.common.testing.Events;
import io.reflex.common.testing.KafkaBroker;
import io.reflex.common.testing.PrometheusText;
import io.reflex.common.testing.WsTestClient;
import io.reflex.eventlog.CloudEventRecords;
import io.reflex.eventlog.outputlog.OutputTopic;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Wire contract v1.1 on the whole mesh in one JVM, durable mode, against a real KRaft broker: event
 * frames carry cursors, and a subscription resumed from a cursor, from "earliest" or from a time
 * gets the outputs of the output log and then live ones, each once, in log order.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ResumableSubscriptionTest {

  private static final String OUTPUTS = "reflex.outputs.resume-" + System.nanoTime();
  private static final Instant START = Instant.parse("2026-05-01T00:00:00Z");
  private static DurableStandalone durable;
  private static KafkaBroker broker;
  private static Vertx clients;
  private static int port;

  @BeforeAll
  static void start() throws Exception {
    durable = DurableStandalone.start("resume", new JsonObject().put("outputsTopic", OUTPUTS));
    broker = durable.broker();
    port = durable.port();
    clients = Vertx.vertx();
    awaitAccepting();
  }

  /**
   * The producer of a mesh that just started may not know the event log's topic yet and answer
   * unavailable; the tests compare orders of outputs, so they start once the mesh accepts, as a
   * client that resends would see it.
   */
  private static void awaitAccepting() throws InterruptedException {
    try (WsTestClient client = connect()) {
      for (int attempt = 0; attempt < 60; attempt++) {
        JsonObject ack =
            client.request(
                new JsonObject()
                    .put("op", "publish")
                    .put("ref", "warm-" + attempt)
                    .put(
                        "events",
                        new JsonArray()
                            .add(
                                Events.metric(
                                    "warm-" + attempt, "temperature/warm-up", 20, START))));
        if ("accepted".equals(ack.getJsonArray("results").getJsonObject(0).getString("status"))) {
          return;
        }
        Thread.sleep(250);
      }
    }
  }

  @AfterAll
  static void stop() throws Exception {
    clients.close().await();
    durable.close();
  }

  @Test
  @DisplayName(
      "a subscription resumed from a cursor gets exactly the outputs after it, then live ones")
  void resumeFromCursor() {
    String series = "temperature/cursor-" + UUID.randomUUID();
    try (WsTestClient first = connect();
        WsTestClient second = connect()) {
      assertThat(first.request(subscribe("s", series, null)).getString("op"))
          .isEqualTo("subscribed");
      publishPoints(first, series, 0, 10);
      List<JsonObject> seen = awaitEvents(first, "s", 10);
      assertThat(seen).allSatisfy(frame -> assertThat(frame.getString("cursor")).isNotBlank());

      JsonObject answer = second.request(subscribe("r", series, seen.get(3).getString("cursor")));
      assertThat(answer.getString("op")).isEqualTo("subscribed");
      List<JsonObject> caughtUp = awaitEvents(second, "r", 6);
      assertThat(causes(caughtUp)).isEqualTo(causes(seen.subList(4, 10)));
      assertThat(cursors(caughtUp)).isEqualTo(cursors(seen.subList(4, 10)));

      publishPoints(first, series, 10, 5);
      List<JsonObject> all = awaitEvents(second, "r", 11);
      assertThat(causes(all)).isEqualTo(causes(awaitEvents(first, "s", 15).subList(4, 15)));
    }
  }

  @Test
  @DisplayName("'earliest' replays the whole log and a time replays what was written from then on")
  void resumeFromEarliestAndFromTime() throws Exception {
    String series = "temperature/time-" + UUID.randomUUID();
    try (WsTestClient client = connect()) {
      publishPoints(client, series, 0, 4);
      assertThat(client.request(subscribe("early", series, "earliest")).getString("op"))
          .isEqualTo("subscribed");
      awaitEvents(client, "early", 4);
      Thread.sleep(50);
      Instant between = Instant.now();
      Thread.sleep(50);
      publishPoints(client, series, 4, 3);
      assertThat(client.request(subscribe("later", series, between.toString())).getString("op"))
          .isEqualTo("subscribed");
      List<JsonObject> later = awaitEvents(client, "later", 3);
      assertThat(causes(later)).containsExactly(series + "-4", series + "-5", series + "-6");
      assertThat(causes(awaitEvents(client, "early", 7))).hasSize(7).doesNotHaveDuplicates();
    }
  }

  @Test
  @DisplayName(
      "a cursor older than what the log holds is answered cursor_expired, naming the earliest time left")
  void expiredCursor() throws Exception {
    String series = "temperature/expired-" + UUID.randomUUID();
    try (WsTestClient client = connect()) {
      client.request(subscribe("s", series, null));
      publishPoints(client, series, 0, 3);
      List<JsonObject> seen = awaitEvents(client, "s", 3);
      long last = Long.parseLong(seen.get(2).getString("cursor").split("-")[1]);
      // What retention does after its time: the log's start moves past the old outputs.
      try (Admin admin =
          Admin.create(
              Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
        admin
            .deleteRecords(
                Map.of(new TopicPartition(OUTPUTS, 0), RecordsToDelete.beforeOffset(last + 1)))
            .all()
            .get();
      }
      JsonObject answer = client.request(subscribe("old", series, seen.get(0).getString("cursor")));
      assertThat(answer.getString("op")).isEqualTo("error");
      assertThat(answer.getJsonObject("error").getString("code")).isEqualTo("cursor_expired");
      assertThat(answer.getJsonObject("error").getString("message")).contains("earliest");
      assertThat(answer.getJsonObject("error").containsKey("earliest")).isTrue();
      assertThat(
              client
                  .request(subscribe("newest", series, seen.get(2).getString("cursor")))
                  .getString("op"))
          .as("the cursor of the last output still in the log's range")
          .isEqualTo("subscribed");
    }
  }

  @Test
  @DisplayName(
      "a 'from' that is neither a cursor, 'earliest' nor a time, or a cursor beyond the log, is refused")
  void badFrom() {
    try (WsTestClient client = connect()) {
      for (Object from : List.of("yesterday", "0-x", "2026-13-45T00:00:00Z", 42, "0-999999999")) {
        JsonObject answer =
            client.request(subscribe("bad", "temperature/none", null).put("from", from));
        assertThat(answer.getJsonObject("error").getString("code"))
            .as("from %s", from)
            .isEqualTo("invalid_parameter");
      }
    }
  }

  @Test
  @DisplayName(
      "resumed while outputs keep coming, a subscriber gets every output once, in log order, across the seam")
  void seamUnderLoad() throws Exception {
    String series = "temperature/seam-" + UUID.randomUUID();
    try (WsTestClient publisher = connect();
        WsTestClient first = connect();
        WsTestClient second = connect()) {
      first.request(subscribe("s", series, null));
      publishPoints(publisher, series, 0, 20);
      String cursor = awaitEvents(first, "s", 20).get(0).getString("cursor");
      // Published in frames without waiting, so outputs are written while the resumed subscription
      // catches up.
      List<String> refs = new ArrayList<>();
      for (int frame = 0; frame < 40; frame++) {
        JsonArray events = new JsonArray();
        for (int i = 0; i < 25; i++) {
          int point = 20 + frame * 25 + i;
          events.add(
              Events.metric(
                  series + "-" + point, series, 20 + point % 7, START.plusSeconds(60L * point)));
        }
        String ref = "p" + frame;
        refs.add(ref);
        publisher.send(new JsonObject().put("op", "publish").put("ref", ref).put("events", events));
        if (frame == 5) {
          assertThat(second.request(subscribe("r", series, cursor)).getString("op"))
              .isEqualTo("subscribed");
        }
      }
      refs.forEach(ref -> publisher.await(f -> ref.equals(f.getValue("ref")), 60_000));
      List<JsonObject> resumed = awaitEvents(second, "r", 1019);
      assertThat(causes(resumed)).doesNotHaveDuplicates().hasSize(1019);
      assertThat(causes(resumed)).isEqualTo(causes(awaitEvents(first, "s", 1020).subList(1, 1020)));
      List<Long> offsets =
          resumed.stream().map(f -> Long.parseLong(f.getString("cursor").split("-")[1])).toList();
      assertThat(offsets).isSorted();
    }
  }

  @Test
  @DisplayName(
      "the Java client renews its subscription from its last cursor after each drop: nothing missed, "
          + "nothing twice")
  void clientResumesAfterDrops() throws Exception {
    String series = "temperature/client-" + UUID.randomUUID();
    CuttableProxy proxy = new CuttableProxy(clients, port);
    ReflexClient client = ReflexClient.connect(clients, ClientOptions.local(proxy.port())).await();
    List<String> received = new CopyOnWriteArrayList<>();
    try (WsTestClient publisher = connect()) {
      client
          .subscribe(
              new JsonObject()
                  .put("type", new JsonArray().add("reflex.anomaly.scored"))
                  .put("subject", new JsonArray().add(series)),
              event -> received.add(event.getString("causationid")))
          .await();
      int rounds = 6;
      int perRound = 50;
      for (int round = 0; round < rounds; round++) {
        publishPoints(publisher, series, round * perRound, perRound);
        proxy.cutAll(); // outputs of the round are on their way to the client now
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (received.size() < rounds * perRound && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      Thread.sleep(1000); // a duplicate, if any, would arrive now
      List<String> expected = new ArrayList<>();
      for (int point = 0; point < rounds * perRound; point++) {
        expected.add(series + "-" + point);
      }
      assertThat(received).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
      assertThat(proxy.connectionsSoFar()).as("connections the client opened").isGreaterThan(1);
    } finally {
      client.close().await();
    }
  }

  @Test
  @DisplayName(
      "an output of a type no subscription names is passed over unread, and its repeat is still"
          + " not pushed to a subscriber that came in between")
  void unwantedOutputsPassedOverUnread() throws Exception {
    String type = "test.unwanted-" + UUID.randomUUID();
    double unreadBefore = unreadOutputs();
    try (KafkaProducer<String, byte[]> producer = outputWriter()) {
      writeOutput(producer, type, "first");
      for (int attempt = 0; attempt < 300 && unreadOutputs() < unreadBefore + 1; attempt++) {
        Thread.sleep(100);
      }
      assertThat(unreadOutputs()).as("outputs passed over unread").isEqualTo(unreadBefore + 1);
      try (WsTestClient client = connect()) {
        JsonObject subscribe =
            new JsonObject()
                .put("op", "subscribe")
                .put("ref", "sub-unwanted")
                .put("sub", "u")
                .put("pattern", new JsonObject().put("type", new JsonArray().add(type)));
        assertThat(client.request(subscribe).getString("op")).isEqualTo("subscribed");
        writeOutput(producer, type, "first"); // written again, as a router's retry would
        writeOutput(producer, type, "second");
        List<JsonObject> pushed = awaitEvents(client, "u", 1);
        assertThat(pushed.stream().map(frame -> frame.getJsonObject("event").getString("id")))
            .containsExactly("second");
      }
    }
  }

  /** A producer writing to the output log as the routers do (see OutputLog). */
  private static KafkaProducer<String, byte[]> outputWriter() {
    return new KafkaProducer<>(
        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
        new StringSerializer(),
        new ByteArraySerializer());
  }

  private static void writeOutput(KafkaProducer<String, byte[]> producer, String type, String id)
      throws Exception {
    CloudEvent output =
        CloudEvent.builder()
            .id(id)
            .source("reflex://test")
            .type(type)
            .time(START.toEpochMilli())
            .data(new JsonObject())
            .build();
    ProducerRecord<String, byte[]> record =
        CloudEventRecords.structured(OUTPUTS, output.identity(), output);
    record.headers().add(OutputTopic.TYPE_HEADER, type.getBytes(StandardCharsets.UTF_8));
    producer
        .send(
            new ProducerRecord<>(
                OUTPUTS, OutputTopic.PARTITION, record.key(), record.value(), record.headers()))
        .get(30, TimeUnit.SECONDS);
  }

  private static double unreadOutputs() throws Exception {
    String metrics =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    return PrometheusText.sum(metrics, "reflex_gateway_outputs_unread_total");
  }

  private static WsTestClient connect() {
    return WsTestClient.connect(clients, port);
  }

  private static JsonObject subscribe(String sub, String series, String from) {
    JsonObject frame =
        new JsonObject()
            .put("op", "subscribe")
            .put("ref", "sub-" + sub)
            .put("sub", sub)
            .put(
                "pattern",
                new JsonObject()
                    .put("type", new JsonArray().add("reflex.anomaly.scored"))
                    .put("subject", new JsonArray().add(series)));
    return from == null ? frame : frame.put("from", from);
  }

  private static void publishPoints(WsTestClient client, String series, int from, int count) {
    JsonArray events = new JsonArray();
    for (int point = from; point < from + count; point++) {
      events.add(
          Events.metric(
              series + "-" + point, series, 20 + point % 5, START.plusSeconds(60L * point)));
    }
    JsonObject ack =
        client.request(
            new JsonObject()
                .put("op", "publish")
                .put("ref", "pub-" + series + from)
                .put("events", events));
    assertThat(ack.getJsonArray("results").stream().map(r -> ((JsonObject) r).getString("status")))
        .as("verdicts %s", ack.getJsonArray("results"))
        .containsOnly("accepted");
  }

  /**
   * Waits until the subscription has at least {@code count} events; returns them in arrival order.
   */
  private static List<JsonObject> awaitEvents(WsTestClient client, String sub, int count) {
    client.await(frame -> eventsOf(client, sub).size() >= count, 60_000);
    return eventsOf(client, sub);
  }

  private static List<JsonObject> eventsOf(WsTestClient client, String sub) {
    return client.framesSoFar().stream()
        .filter(
            frame -> "event".equals(frame.getString("op")) && sub.equals(frame.getString("sub")))
        .toList();
  }

  private static List<String> causes(List<JsonObject> frames) {
    return frames.stream()
        .map(frame -> frame.getJsonObject("event").getString("causationid"))
        .toList();
  }

  private static List<String> cursors(List<JsonObject> frames) {
    return frames.stream().map(frame -> frame.getString("cursor")).toList();
  }
}
