package io.reflex.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Fast mode's failover promise (issue 18) counted at a steady rate: the five services in their own
 * JVMs on loopback, two anomaly replicas, an at-least-once publisher streaming metric points and a
 * subscriber counting each acknowledged point's score, while an anomaly replica is killed with
 * {@code kill -9} and a new one started, {@value #KILLS} times, alternating replicas. Parts the
 * router sent to the dead replica and never had acknowledged are handed to the series' next owner
 * once the cluster dropped it (the router counts them), so none is lost; the gateway pushes a
 * re-scored output once, so none arrives twice. The rate is {@code -Dreflex.fastFailover.rate}
 * points a second.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class FastFailoverClusterTest {

  private static final int RATE = Integer.getInteger("reflex.fastFailover.rate", 1000);
  private static final int KILLS = 3;
  private static final Duration START_LIMIT = Duration.ofSeconds(180);
  private static final Duration STEADY = Duration.ofSeconds(3);
  private static final Duration STALL = Duration.ofSeconds(30);
  private static final String HANDED_OVER = "reflex_router_deliveries_handed_over_total";
  private static final String GIVEN_UP = "reflex_router_deliveries_unacknowledged_total";

  private LoopbackCluster cluster;
  private Vertx vertx;

  @AfterEach
  void stopEverything() throws Exception {
    if (vertx != null) {
      vertx.close().await();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  @DisplayName(
      "anomaly replicas killed with kill -9 in turn under a steady stream: every acknowledged point "
          + "is scored once")
  void replicasKilledInTurn() throws Exception {
    cluster = new LoopbackCluster("reflex-fast-failover", 6 + KILLS);
    List<String> services =
        List.of("anomaly", "anomaly", "recommender", "router", "ingestion", "gateway");
    List<ServiceProcess> replicas = new ArrayList<>();
    for (int i = 0; i < services.size(); i++) {
      String service = services.get(i);
      String name = service.equals("anomaly") ? "anomaly-" + (replicas.size() + 1) : service;
      ServiceProcess process = cluster.start(name, service, i);
      if (service.equals("anomaly")) {
        replicas.add(process);
      }
      if (service.equals("recommender")) {
        // The data members first. Lite members that start before any of them leave and join again
        // until one is there; on two busy cores a data member's join once waited on that churn for
        // 145 s, and the router gave up (CI, 2026-12-04).
        cluster.awaitReady(START_LIMIT);
      }
    }
    cluster.awaitReady(START_LIMIT);
    ServiceProcess router = cluster.process("router");
    vertx = Vertx.vertx();
    try (AtLeastOnceLoad load =
        AtLeastOnceLoad.connect(vertx, cluster.gatewayPort(), cluster.gatewayPort())) {
      load.start(RATE);
      load.awaitScores(1, START_LIMIT);
      Thread.sleep(STEADY.toMillis());
      AtLeastOnceLoad.Result before = load.count(STALL);
      for (int kill = 1; kill <= KILLS; kill++) {
        // Alternating: the replica killed next is the survivor of the last kill.
        ServiceProcess victim = replicas.remove(0);
        double handedOverBefore = router.metric(HANDED_OVER);
        victim.crash();
        long killed = System.nanoTime();
        // On a member address of its own, as a rescheduled pod (see DurableFaultTest).
        ServiceProcess successor = cluster.start("anomaly-" + (2 + kill), "anomaly", 5 + kill);
        successor.awaitReady(START_LIMIT);
        replicas.add(successor);
        Thread.sleep(STEADY.toMillis());
        AtLeastOnceLoad.Result after = load.count(STALL);
        System.out.printf(
            "kill -9 #%d of %s at %d points/s, %s started in its place in %d ms: acknowledged %d "
                + "more, handed over to the next owner %.0f, lost %d, twice %d%n",
            kill,
            victim.name(),
            RATE,
            successor.name(),
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed),
            after.acknowledged() - before.acknowledged(),
            router.metric(HANDED_OVER) - handedOverBefore,
            after.lost() - before.lost(),
            after.twice() - before.twice());
        before = after;
      }
      AtLeastOnceLoad.Result result = load.finish(STALL);
      System.out.printf(
          "%d kills at %d points/s: sent %d, acknowledged %d, unanswered %d, handed over %.0f, "
              + "given up %.0f, lost %d, twice %d%n",
          KILLS,
          RATE,
          result.sent(),
          result.acknowledged(),
          result.unanswered(),
          router.metric(HANDED_OVER),
          router.metric(GIVEN_UP),
          result.lost(),
          result.twice());
      assertThat(router.metric(HANDED_OVER))
          .as("events the router handed over from a dead replica")
          .isPositive();
      // Not asserted: the router gives up on a part once its silent owner is still listed after
      // router.handOverMillis, which on two crowded cores happens to a replica that is alive but
      // slow,
      // or that handled the part and died before it answered (349 in one CI-style run, none lost).
      // What the subscriber sees is the contract.
      assertThat(result.unanswered()).as("points still waiting for a verdict").isZero();
      assertThat(result.lost())
          .as("acknowledged points whose score never arrived, e.g. " + result.firstLost())
          .isZero();
      assertThat(result.twice()).as("scores that arrived twice").isZero();
    }
  }
}
