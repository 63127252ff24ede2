package io.reflex.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.reflex.common.testing.CuttableProxy;
import io.reflex.common.testing.FreePort;
import io.reflex.common.testing.KafkaBroker;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Wire contract v1.1 under faults of real processes: a durable standalone mesh in its own JVM, a
 * real KRaft broker in another, and a steady stream of points from an at-least-once client while
 * the mesh or the broker is killed with {@code kill -9} and started again. The subscriber
 * reconnects with its cursor; every acknowledged point's score must reach it exactly once. The rate
 * is {@code -Dreflex.resumeFault.rate} points a second (default 2,500: the rate at which issue 18
 * lost outputs, and what the two-core machine holds with the broker, the mesh and this JVM on it).
 * Each fault strikes once the subscriber receives scores, so that it hits work in flight; the
 * counting waits as long as scores keep arriving.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ResumeFaultTest {

  private static final int RATE = Integer.getInteger("reflex.resumeFault.rate", 2500);
  private static final Duration READY_LIMIT = Duration.ofSeconds(120);
  private static final Duration STEADY = Duration.ofSeconds(10);
  private static final Duration STALL = Duration.ofSeconds(30);

  private Path logs;
  private KafkaBroker broker;
  private ServiceProcess mesh;
  private Vertx vertx;
  private int port;
  private Map<String, String> durable;

  @BeforeEach
  void startBrokerAndMesh() throws Exception {
    logs =
        Files.createDirectories(
            Path.of("target", "resume-fault", String.valueOf(System.nanoTime())));
    broker = KafkaBroker.start(logs.resolve("broker"));
    port = FreePort.find();
    durable =
        Map.of(
            "REFLEX_DURABLE",
            "true",
            "REFLEX_KAFKA_BOOTSTRAPSERVERS",
            broker.bootstrapServers(),
            "REFLEX_GATEWAY_HTTP_PORT",
            String.valueOf(port));
    mesh = startMesh("mesh-1");
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stopEverything() throws Exception {
    if (vertx != null) {
      vertx.close().await();
    }
    if (mesh != null) {
      mesh.forceStop();
    }
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  @DisplayName(
      "kill -9 of the durable standalone mesh under load, restarted: the resuming subscriber gets every "
          + "acknowledged point's score once")
  void meshKilledAndRestarted() throws Exception {
    try (AtLeastOnceLoad load = AtLeastOnceLoad.connect(vertx, port, port)) {
      load.start(RATE);
      load.awaitScores(1, READY_LIMIT);
      Thread.sleep(STEADY.toMillis());
      mesh.crash();
      mesh = startMesh("mesh-2");
      Thread.sleep(STEADY.toMillis());
      check("mesh kill -9", load.finish(STALL));
    }
  }

  @Test
  @DisplayName(
      "kill -9 of the broker under load, restarted, the subscriber cut off meanwhile: it resumes with its "
          + "cursor and gets every acknowledged point's score once")
  void brokerKilledAndRestarted() throws Exception {
    CuttableProxy proxy = new CuttableProxy(vertx, port);
    try (AtLeastOnceLoad load = AtLeastOnceLoad.connect(vertx, port, proxy.port())) {
      load.start(RATE);
      load.awaitScores(1, READY_LIMIT);
      Thread.sleep(STEADY.toMillis());
      broker.crash();
      proxy.cutAll();
      Thread.sleep(3000);
      broker.restart();
      proxy.cutAll();
      Thread.sleep(STEADY.toMillis());
      check("broker kill -9", load.finish(STALL));
      assertThat(proxy.connectionsSoFar()).as("subscriber connections").isGreaterThan(1);
    }
  }

  private ServiceProcess startMesh(String name) throws Exception {
    ServiceProcess process = ServiceProcess.startStandalone(name, FreePort.find(), durable, logs);
    process.awaitReady(READY_LIMIT);
    return process;
  }

  private static void check(String fault, AtLeastOnceLoad.Result result) {
    System.out.printf(
        "%s at %d points/s: sent %d, acknowledged %d, rejected and sent again %d, unanswered %d, "
            + "lost %d, twice %d%n",
        fault,
        RATE,
        result.sent(),
        result.acknowledged(),
        result.rejected(),
        result.unanswered(),
        result.lost(),
        result.twice());
    assertThat(result.unanswered()).as("points still waiting for a verdict").isZero();
    assertThat(result.lost())
        .as("acknowledged points whose score never arrived, e.g. " + result.firstLost())
        .isZero();
    assertThat(result.twice()).as("scores that arrived twice").isZero();
  }
}
