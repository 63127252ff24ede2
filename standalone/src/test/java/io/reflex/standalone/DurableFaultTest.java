package io.reflex.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.reflex.anomaly.detector.Detector;
import io.reflex.anomaly.detector.Detectors;
import io.reflex.anomaly.detector.Sensitivity;
import io.reflex.common.testing.Events;
import io.reflex.common.testing.KafkaBroker;
import io.reflex.common.testing.WsTestClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Durable mode's promise under faults: services in separate JVMs (gateway, ingestion and router as
 * lite members, two anomaly replicas), a real KRaft broker in another, and a steady stream of
 * metric points through the gateway WebSocket while the router is killed and restarted, an anomaly
 * replica is killed, and the broker is stopped and started. Every point the gateway acknowledged
 * must be scored exactly once: each reaches the subscriber once, and the scores equal those of one
 * uninterrupted detector per series fed the same points. A point rejected while the broker is away
 * is sent again, as a client would.
 */
class DurableFaultTest {

  private static final Duration START_LIMIT = Duration.ofSeconds(330);
  private static final int SERIES = 12;
  private static final int ROUNDS_PER_PHASE = 100;
  private static final int BURST_ROUNDS = 25;
  private static final String REPEATED_OUTPUTS = "reflex_gateway_outputs_repeated_total";
  private static final String REPEATED_POINTS = "reflex_anomaly_repeated_points_total";
  private static final Instant START = Instant.parse("2026-02-01T00:00:00Z");

  /**
   * Per series, the points acknowledged so far, in the order they were sent (one in flight per
   * series).
   */
  private final Map<String, List<String>> acknowledged = new LinkedHashMap<>();

  private final Map<String, Integer> nextPoint = new HashMap<>();
  private int rejections;
  private LoopbackCluster cluster;
  private Map<String, String> durable;
  private KafkaBroker broker;
  private WsTestClient publisher;
  private WsTestClient subscriber;

  @AfterEach
  void stopEverything() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  @Timeout(value = 15, unit = TimeUnit.MINUTES)
  @DisplayName(
      "no acknowledged event is lost or applied twice when the router, an anomaly replica or the broker fails")
  void nothingAcknowledgedIsLost() throws Exception {
    cluster = new LoopbackCluster("reflex-durable", 6);
    broker = KafkaBroker.start(cluster.logs().resolve("broker"));
    durable =
        Map.of(
            "REFLEX_DURABLE",
            "true",
            "REFLEX_KAFKA_BOOTSTRAPSERVERS",
            broker.bootstrapServers(),
            "REFLEX_KAFKA_EVENTSTOPIC",
            eventsTopic());
    String[][] services = {
      {"anomaly-1", "anomaly"},
      {"anomaly-2", "anomaly"},
      {"ingestion", "ingestion"},
      {"router", "router"},
      {"gateway", "gateway"}
    };
    for (int i = 0; i < services.length; i++) {
      // One at a time: on two cores, JVMs starting together time each other out.
      cluster.start(services[i][0], services[i][1], i, durable).awaitReady(START_LIMIT);
    }
    publisher = cluster.connect();
    subscriber = cluster.connect();
    assertThat(
            subscriber
                .request(
                    new JsonObject()
                        .put("op", "subscribe")
                        .put("ref", "s")
                        .put("sub", "scored")
                        .put(
                            "pattern",
                            new JsonObject()
                                .put("type", new JsonArray().add("reflex.anomaly.scored"))))
                .getString("op"))
        .isEqualTo("subscribed");
    for (int s = 0; s < SERIES; s++) {
      acknowledged.put(series(s), new ArrayList<>());
      nextPoint.put(series(s), 0);
    }

    // The anomaly replicas are paused first, so the router dies with batches delivered but not
    // confirmed, hence not
    // committed: its successor routes them again, and the detectors and the gateway must recognise
    // them.
    phase(
        "kill -9 of the router with deliveries in flight, restarted",
        false,
        () -> {
          cluster.process("anomaly-1").pause();
          cluster.process("anomaly-2").pause();
          try {
            awaitBurst(sendBurst(BURST_ROUNDS));
            // The router has read (part of) the burst and waits for the paused replicas' answers.
            await()
                .atMost(Duration.ofSeconds(60))
                .until(
                    () ->
                        cluster.process("router").metric("reflex_router_log_records_routing") > 0);
            cluster.process("router").crash();
          } finally {
            cluster.process("anomaly-1").resume();
            cluster.process("anomaly-2").resume();
          }
          // On a member address of its own, as a rescheduled pod: restarted at the dead router's
          // very address before
          // the cluster had removed it, the successor's Hazelcast join once stalled for minutes
          // (its listener
          // registration never answered), which is Hazelcast's recovery from address reuse, not
          // what this test is about.
          cluster.start("router-2", "router", 5, durable);
        });
    assertThat(
            cluster.process("anomaly-1").metric(REPEATED_POINTS)
                + cluster.process("anomaly-2").metric(REPEATED_POINTS))
        .as("points of re-routed batches, recognised by the detectors")
        .isPositive();
    phase("kill -9 of anomaly replica 1", true, () -> cluster.process("anomaly-1").crash());
    // No burst first: points in flight when the broker stops are rejected, and must be sent again
    // one at a time.
    phase(
        "broker stopped for 5 s and started again",
        false,
        () -> {
          broker.stop();
          long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
          while (System.nanoTime() < until) {
            round();
          }
          // The stream goes on while the broker starts; the mesh finds it again by itself.
          CompletableFuture<Void> restarted =
              CompletableFuture.runAsync(
                  () -> {
                    try {
                      broker.restart();
                    } catch (Exception e) {
                      throw new IllegalStateException(e);
                    }
                  });
          while (!restarted.isDone()) {
            round();
          }
          restarted.join();
        });
  }

  /**
   * Streams points, makes the fault a third of the way in (after a burst that leaves the router
   * busy routing when {@code burstFirst}, so that the fault strikes batches not yet committed),
   * then checks every acknowledged point's effect.
   */
  private void phase(String fault, boolean burstFirst, FaultAction action) throws Exception {
    int rejectedBefore = rejections;
    for (int round = 0; round < ROUNDS_PER_PHASE; round++) {
      if (round == ROUNDS_PER_PHASE / 3) {
        List<String> burst = sendBurst(burstFirst ? BURST_ROUNDS : 0);
        long faulted = System.nanoTime();
        action.run();
        System.out.printf(
            "%s: fault took %d ms while the stream went on%n", fault, millisSince(faulted));
        awaitBurst(burst);
      }
      round();
    }
    long waiting = System.nanoTime();
    Map<String, Integer> outputs = awaitOutputs(Duration.ofSeconds(240));
    int acked = acknowledged.values().stream().mapToInt(List::size).sum();
    long lost =
        acknowledged.values().stream()
            .flatMap(List::stream)
            .filter(id -> !outputs.containsKey(id))
            .count();
    long duplicates = outputs.values().stream().filter(count -> count > 1).count();
    System.out.printf(
        "%s: acknowledged %d, rejected %d (sent again), lost %d, duplicates %d; all scored %d ms after "
            + "the stream ended; points the detectors recognised as repeats: %.0f, outputs the gateway received again "
            + "and did not push: %.0f%n",
        fault,
        acked,
        rejections - rejectedBefore,
        lost,
        duplicates,
        millisSince(waiting),
        repeatedPoints(),
        ServiceProcess.metric(cluster.gatewayPort(), REPEATED_OUTPUTS));
    if (lost > 0) {
      List<String> lostIds =
          acknowledged.values().stream()
              .flatMap(List::stream)
              .filter(id -> !outputs.containsKey(id))
              .limit(10)
              .toList();
      assertThat(lost)
          .as(
              "acknowledged points never scored after: "
                  + fault
                  + "; the first of them, with where the "
                  + "log holds them: "
                  + whereLogged(lostIds)
                  + "; "
                  + counters()
                  + "; frames other than events: "
                  + subscriber.framesSoFar().stream()
                      .filter(frame -> !"event".equals(frame.getString("op")))
                      .limit(5)
                      .toList())
          .isZero();
    }
    assertThat(duplicates).as("points pushed more than once after: " + fault).isZero();
    assertThat(scores()).as("scores after: " + fault).isEqualTo(expectedScores());
  }

  /**
   * Publishes the next point of every series in one frame and waits for the acknowledgement; a
   * rejected point is sent again in the next round under the same id, so each series has one point
   * in flight and stays in order.
   */
  private void round() {
    JsonArray events = new JsonArray();
    List<String> order = new ArrayList<>();
    for (int s = 0; s < SERIES; s++) {
      String series = series(s);
      int point = nextPoint.get(series);
      events.add(
          Events.metric(
              id(series, point), series, value(s, point), START.plusSeconds(60L * point)));
      order.add(series);
    }
    JsonObject ack =
        publisher.request(
            new JsonObject()
                .put("op", "publish")
                .put("ref", "r-" + System.nanoTime())
                .put("events", events));
    JsonArray results = ack.getJsonArray("results");
    for (int i = 0; i < results.size(); i++) {
      JsonObject result = results.getJsonObject(i);
      String series = order.get(i);
      String status = result.getString("status");
      if ("accepted".equals(status) || "duplicate".equals(status)) {
        acknowledged.get(series).add(result.getString("id"));
        nextPoint.merge(series, 1, Integer::sum);
      } else {
        assertThat(result.getJsonObject("error").getString("code"))
            .as("why %s was rejected", result.getString("id"))
            .isIn("unavailable", "overloaded");
        rejections++;
      }
    }
  }

  /**
   * Sends {@code rounds} frames of points without waiting for their acknowledgements; the broker is
   * up, so every point is expected to be accepted (each series stays in order: one connection, one
   * partition per series).
   */
  private List<String> sendBurst(int rounds) {
    List<String> refs = new ArrayList<>();
    for (int r = 0; r < rounds; r++) {
      JsonArray events = new JsonArray();
      for (int s = 0; s < SERIES; s++) {
        String series = series(s);
        int point = nextPoint.get(series) + r;
        events.add(
            Events.metric(
                id(series, point), series, value(s, point), START.plusSeconds(60L * point)));
      }
      String ref = "burst-" + System.nanoTime();
      refs.add(ref);
      publisher.send(new JsonObject().put("op", "publish").put("ref", ref).put("events", events));
    }
    return refs;
  }

  private void awaitBurst(List<String> refs) {
    for (String ref : refs) {
      JsonArray results =
          publisher
              .await(frame -> ref.equals(frame.getString("ref")), 60_000)
              .getJsonArray("results");
      for (int s = 0; s < SERIES; s++) {
        JsonObject result = results.getJsonObject(s);
        assertThat(result.getString("status"))
            .as("a point of a burst sent while the broker is up")
            .isEqualTo("accepted");
        acknowledged.get(series(s)).add(result.getString("id"));
        nextPoint.merge(series(s), 1, Integer::sum);
      }
    }
  }

  private double repeatedPoints() throws Exception {
    double repeated = 0;
    for (ServiceProcess process : cluster.processes()) {
      if (process.name().startsWith("anomaly") && process.isAlive()) {
        repeated += process.metric(REPEATED_POINTS);
      }
    }
    return repeated;
  }

  /** For a failure message: what each live process counted. */
  private String counters() throws Exception {
    StringBuilder text = new StringBuilder();
    for (ServiceProcess process : cluster.processes()) {
      if (process.isAlive() && !process.name().equals("gateway")) {
        text.append(process.name())
            .append(": routed ")
            .append(process.metric("reflex_router_log_records_total"))
            .append(", scored ")
            .append(process.metric("reflex_anomaly_scored_points_total"))
            .append(", repeats ")
            .append(process.metric(REPEATED_POINTS))
            .append("; ");
      }
    }
    return text.append("gateway outputs ")
        .append(ServiceProcess.metric(cluster.gatewayPort(), "reflex_gateway_outputs_total"))
        .toString();
  }

  /**
   * For a failure message: the partition and offset of each event in the log, and the routers'
   * committed offsets.
   */
  private String whereLogged(List<String> ids) {
    String topic = eventsTopic();
    Map<String, String> found = new LinkedHashMap<>();
    ids.forEach(id -> found.put(id, "not in the log"));
    // In the routers' group only to read its committed offsets: assigned, not subscribed, and
    // committing nothing.
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "reflex-router",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName()))) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
              .map(info -> new TopicPartition(topic, info.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (System.nanoTime() < deadline
          && partitions.stream()
              .anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          String id =
              new JsonObject(new String(record.value(), StandardCharsets.UTF_8)).getString("id");
          if (found.containsKey(id)) {
            found.merge(
                id,
                record.partition() + "@" + record.offset(),
                (a, b) -> a.startsWith("not") ? b : a + "," + b);
          }
        }
      }
      Map<TopicPartition, OffsetAndMetadata> committed =
          consumer.committed(new HashSet<>(partitions));
      return found + "; committed by reflex-router: " + committed;
    } catch (RuntimeException e) {
      return found + " (reading the log failed: " + e + ")";
    }
  }

  /**
   * Scored outputs per causing point, once every acknowledged point has one and then a marker point
   * of every series, sent after them, has one too: a late second output of a point comes before its
   * series' marker (one partition per series, routed and scored in order). If the limit passes
   * first, the checks that follow say what is missing.
   */
  private Map<String, Integer> awaitOutputs(Duration limit) {
    if (awaitScored(allAcknowledged(), limit)) {
      awaitScored(markers(), limit);
    }
    return outputCounts();
  }

  private boolean awaitScored(List<String> ids, Duration limit) {
    try {
      await()
          .atMost(limit)
          .pollInterval(Duration.ofMillis(250))
          .until(() -> outputCounts().keySet().containsAll(ids));
      return true;
    } catch (ConditionTimeoutException e) {
      return false;
    }
  }

  /**
   * One more acknowledged point of every series (rounds until each has one); the last point of each
   * series.
   */
  private List<String> markers() {
    Map<String, Integer> before = new HashMap<>();
    acknowledged.forEach((series, ids) -> before.put(series, ids.size()));
    while (acknowledged.entrySet().stream()
        .anyMatch(e -> e.getValue().size() == before.get(e.getKey()))) {
      round();
    }
    return acknowledged.values().stream().map(ids -> ids.get(ids.size() - 1)).toList();
  }

  private Map<String, Integer> outputCounts() {
    Map<String, Integer> counts = new HashMap<>();
    for (JsonObject frame : subscriber.framesSoFar()) {
      JsonObject event = frame.getJsonObject("event");
      if (event != null) {
        counts.merge(event.getString("causationid"), 1, Integer::sum);
      }
    }
    return counts;
  }

  private List<String> allAcknowledged() {
    return acknowledged.values().stream().flatMap(List::stream).collect(Collectors.toList());
  }

  /** The scores pushed for each series' acknowledged points, in order. */
  private Map<String, List<Double>> scores() {
    Map<String, Double> byCause = new HashMap<>();
    for (JsonObject frame : subscriber.framesSoFar()) {
      JsonObject event = frame.getJsonObject("event");
      if (event != null) {
        byCause.put(event.getString("causationid"), event.getJsonObject("data").getDouble("score"));
      }
    }
    Map<String, List<Double>> scores = new HashMap<>();
    acknowledged.forEach(
        (series, ids) -> scores.put(series, ids.stream().map(byCause::get).toList()));
    return scores;
  }

  /** What one detector per series, in this JVM, scores for the acknowledged points. */
  private Map<String, List<Double>> expectedScores() {
    Map<String, List<Double>> expected = new HashMap<>();
    for (int s = 0; s < SERIES; s++) {
      Detector detector = Detectors.create(Sensitivity.STANDARD);
      List<Double> seriesScores = new ArrayList<>();
      for (int point = 0; point < acknowledged.get(series(s)).size(); point++) {
        seriesScores.add(
            detector
                .observe(START.plusSeconds(60L * point).toEpochMilli(), value(s, point))
                .score());
      }
      expected.put(series(s), seriesScores);
    }
    return expected;
  }

  private String eventsTopic() {
    return "reflex.events." + cluster.name();
  }

  private static String id(String series, int point) {
    return series + "#" + point;
  }

  private static String series(int s) {
    return "rack-" + s + "/temperature";
  }

  private static double value(int series, int point) {
    double noise = new Random(series * 100_000L + point).nextGaussian();
    return 30 + 5 * Math.sin((point + 3 * series) / 6.0) + noise + (point % 47 == 46 ? 25 : 0);
  }

  private static long millisSince(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
  }

  @FunctionalInterface
  private interface FaultAction {
    void run() throws Exception;
  }
}
