package io.reflex.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Processes of a mesh may start in any order: a lite member started alone waits for a data member
 * to join.
 */
class LiteMemberWaitsTest {

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  @DisplayName(
      "a router started before any data member joins again until an anomaly process is there, then runs")
  void liteMemberWaitsForADataMember() throws Exception {
    try (LoopbackCluster cluster = new LoopbackCluster("reflex-lite-first", 2)) {
      ServiceProcess router = cluster.start("router", "router", 0);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (!router.output().contains("no data member") && System.nanoTime() < deadline) {
        assertThat(router.isAlive())
            .as("the router waits instead of exiting:\n%s", router.output())
            .isTrue();
        Thread.sleep(200);
      }
      assertThat(router.output())
          .contains("no data member (anomaly or recommender) in the cluster yet");
      cluster.start("anomaly", "anomaly", 1);
      cluster.awaitReady(Duration.ofSeconds(180));
      assertThat(router.isAlive()).isTrue();
    }
  }
}
