package io.reflex.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.Hazelcast;
import io.reflex.common.launch.Mesh;
import io.reflex.common.launch.MeshLauncher;
import io.reflex.common.testing.FreePort;
import io.reflex.common.testing.LoopbackMembers;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Processes of a mesh may start in any order: lite members started first wait inside the cluster
 * for a data member to join, and do not leave and join again meanwhile (that churn once held a data
 * member's join for minutes). A lite member still leaves the cluster when it stops.
 */
class LiteMemberWaitsTest {

  private static final String WAITING =
      "no data member (anomaly or recommender) in the cluster yet; waiting for one";

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  @DisplayName(
      "a gateway and a router started before any data member wait in the cluster, then run once an anomaly process joins")
  void liteMembersWaitForADataMember() throws Exception {
    try (LoopbackCluster cluster = new LoopbackCluster("reflex-lite-first", 3)) {
      ServiceProcess gateway = cluster.start("gateway", "gateway", 0);
      ServiceProcess router = cluster.start("router", "router", 1);
      for (ServiceProcess lite : List.of(gateway, router)) {
        awaitOutput(lite, WAITING);
      }
      cluster.start("anomaly", "anomaly", 2);
      cluster.awaitReady(Duration.ofSeconds(180));
      for (ServiceProcess lite : List.of(gateway, router)) {
        assertThat(lite.isAlive()).isTrue();
        assertThat(lite.output())
            .as("a lite member kept its place in the cluster while it waited")
            .containsOnlyOnce(WAITING);
      }
    }
  }

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  @DisplayName(
      "a lite member that stops leaves the cluster (Vert.x does not stop a Hazelcast it was handed)")
  void stoppedLiteMemberLeaves() throws Exception {
    String name = "reflex-lite-leaves-" + System.nanoTime();
    int[] ports = {FreePort.find(), FreePort.find()};
    Mesh anomaly = startInProcess(name, ports, 0, "anomaly");
    try {
      Mesh router = startInProcess(name, ports, 1, "router");
      assertThat(members(name)).containsExactly(2, 2);
      router.close().await(30, TimeUnit.SECONDS);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!members(name).equals(List.of(1)) && System.nanoTime() < deadline) {
        Thread.sleep(100); // the data member hears of the departure a moment later
      }
      assertThat(members(name)).as("the router's Hazelcast member is gone").containsExactly(1);
    } finally {
      anomaly.close().await(30, TimeUnit.SECONDS);
    }
    assertThat(members(name)).isEmpty();
  }

  private static Mesh startInProcess(String name, int[] ports, int slot, String service)
      throws Exception {
    JsonObject overrides =
        new JsonObject()
            .put("cluster", LoopbackMembers.member(name, ports, slot))
            .put("ops", new JsonObject().put("port", FreePort.find()));
    return MeshLauncher.start(new MeshLauncher.Options(true, List.of(service), null, overrides))
        .await(90, TimeUnit.SECONDS);
  }

  /** The cluster size each running Hazelcast instance of this JVM in cluster {@code name} sees. */
  private static List<Integer> members(String name) {
    return Hazelcast.getAllHazelcastInstances().stream()
        .filter(h -> h.getConfig().getClusterName().equals(name))
        .map(h -> h.getCluster().getMembers().size())
        .toList();
  }

  private static void awaitOutput(ServiceProcess process, String line) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!process.output().contains(line) && System.nanoTime() < deadline) {
      assertThat(process.isAlive())
          .as("the process waits instead of exiting:\n%s", process.output())
          .isTrue();
      Thread.sleep(200);
    }
    assertThat(process.output()).contains(line);
  }
}
