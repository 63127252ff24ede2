package io.reflex.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.reflex.common.testing.CuttableProxy;
import io.reflex.common.testing.FreePort;
import io.reflex.common.testing.KafkaBroker;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A gateway replica killed in a durable cluster (issue 18): the services in their own JVMs on
 * loopback with two gateways behind a load balancer, a real KRaft broker, an at-least-once
 * publisher and a subscriber both connected through gateway A. Gateway A is killed with {@code kill
 * -9} under load; both clients reconnect through the balancer to gateway B, the publisher sends
 * again what A had not acknowledged and the subscriber resumes from its last cursor. Every
 * acknowledged point's score must reach it exactly once. The rate is {@code
 * -Dreflex.gatewayFailover.rate} points a second.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class GatewayFailoverClusterTest {

  private static final int RATE = Integer.getInteger("reflex.gatewayFailover.rate", 1000);
  private static final Duration START_LIMIT = Duration.ofSeconds(180);
  private static final Duration STEADY = Duration.ofSeconds(5);
  private static final Duration STALL = Duration.ofSeconds(30);

  private LoopbackCluster cluster;
  private KafkaBroker broker;
  private Vertx vertx;

  @AfterEach
  void stopEverything() throws Exception {
    if (vertx != null) {
      vertx.close().await();
    }
    if (cluster != null) {
      cluster.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  @DisplayName(
      "kill -9 of the gateway a publisher and a subscriber use: they move to the other gateway, the "
          + "subscriber resumes with its cursor and gets every acknowledged point's score once")
  void gatewayKilledUnderLoad() throws Exception {
    cluster = new LoopbackCluster("reflex-gateway-failover", 5);
    broker = KafkaBroker.start(cluster.logs().resolve("broker"));
    Map<String, String> durable =
        Map.of(
            "REFLEX_DURABLE", "true", "REFLEX_KAFKA_BOOTSTRAPSERVERS", broker.bootstrapServers());
    int portB = FreePort.find();
    Map<String, String> gatewayB = new HashMap<>(durable);
    gatewayB.put("REFLEX_GATEWAY_HTTP_PORT", String.valueOf(portB));
    // The data member first: the lite members wait for one to join.
    cluster.start("data", "anomaly,recommender", 0, durable).awaitReady(START_LIMIT);
    cluster.start("router", "router", 1, durable);
    cluster.start("ingestion", "ingestion", 2, durable);
    ServiceProcess gatewayA = cluster.start("gateway-a", "gateway", 3, durable);
    cluster.start("gateway-b", "gateway", 4, gatewayB);
    cluster.awaitReady(START_LIMIT);

    vertx = Vertx.vertx();
    CuttableProxy balancer = new CuttableProxy(vertx, cluster.gatewayPort(), portB);
    try (AtLeastOnceLoad load = AtLeastOnceLoad.connect(vertx, balancer.port(), balancer.port())) {
      load.start(RATE);
      load.awaitScores(1, START_LIMIT);
      Thread.sleep(STEADY.toMillis());
      assertThat(ServiceProcess.metric(portB, "reflex_gateway_connections"))
          .as("connections to gateway B before the kill")
          .isZero();
      gatewayA.crash();
      Thread.sleep(STEADY.toMillis());
      AtLeastOnceLoad.Result result = load.finish(STALL);
      System.out.printf(
          "gateway kill -9 at %d points/s: sent %d, acknowledged %d, rejected and sent again %d, "
              + "unanswered %d, lost %d, twice %d; connections through the balancer %d%n",
          RATE,
          result.sent(),
          result.acknowledged(),
          result.rejected(),
          result.unanswered(),
          result.lost(),
          result.twice(),
          balancer.connectionsSoFar());
      assertThat(ServiceProcess.metric(portB, "reflex_gateway_connections"))
          .as("connections that moved to gateway B")
          .isEqualTo(2);
      assertThat(result.unanswered()).as("points still waiting for a verdict").isZero();
      assertThat(result.lost())
          .as("acknowledged points whose score never arrived, e.g. " + result.firstLost())
          .isZero();
      assertThat(result.twice()).as("scores that arrived twice").isZero();
    }
  }
}
