package io.reflex.common.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.reflex.common.launch.ClusterSettings;
import io.reflex.common.testing.FreePort;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two data members and one lite member of a real Hazelcast cluster on loopback, as the launcher
 * configures them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HazelcastStateStoreTest {

  private static final StateSettings SETTINGS = new StateSettings(Map.of("series", 3600));
  private static Vertx vertx;
  private static HazelcastInstance first;
  private static HazelcastInstance second;
  private static HazelcastInstance lite;

  @BeforeAll
  static void startCluster() {
    int[] ports = {FreePort.find(), FreePort.find(), FreePort.find()};
    JsonObject cluster =
        new JsonObject()
            .put("name", "state-test-" + System.nanoTime())
            .put("host", "127.0.0.1")
            .put(
                "members",
                "127.0.0.1:" + ports[0] + ",127.0.0.1:" + ports[1] + ",127.0.0.1:" + ports[2]);
    first = Hazelcast.newHazelcastInstance(member(cluster, ports[0], false));
    second = Hazelcast.newHazelcastInstance(member(cluster, ports[1], false));
    lite = Hazelcast.newHazelcastInstance(member(cluster, ports[2], true));
    vertx = Vertx.vertx();
  }

  private static Config member(JsonObject cluster, int port, boolean liteMember) {
    return ClusterSettings.hazelcast(cluster.copy().put("port", port), SETTINGS, liteMember);
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
    for (HazelcastInstance member : new HazelcastInstance[] {first, second, lite}) {
      if (member.getLifecycleService().isRunning()) {
        member.shutdown();
      }
    }
  }

  @Test
  @DisplayName(
      "concurrent updates from every member to one entry lose none: each runs where the entry lives")
  void concurrentUpdatesLoseNothing() throws Exception {
    List<KeyedStateStore> stores = List.of(store(first), store(second), store(lite));
    List<Future<Integer>> updates = new ArrayList<>();
    IntStream.range(0, 300)
        .forEach(i -> updates.add(stores.get(i % 3).update("series", "hot", new Counting())));
    Future.all(updates).await(30, TimeUnit.SECONDS);

    assertThat(updates)
        .extracting(Future::result)
        .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, 300).boxed().toList());
    assertThat(Counting.value(store(lite).get("series", "hot").await(10, TimeUnit.SECONDS)))
        .isEqualTo(300);
  }

  @Test
  @DisplayName("a lite member reads and updates entries but holds none of them")
  void liteMemberHoldsNoData() throws Exception {
    for (int i = 0; i < 50; i++) {
      store(lite).update("series", "lite-" + i, new Counting()).await(10, TimeUnit.SECONDS);
    }
    assertThat(
            lite.getMap(HazelcastStateStore.PREFIX + "series")
                .getLocalMapStats()
                .getOwnedEntryCount())
        .isZero();
    assertThat(
            first
                    .getMap(HazelcastStateStore.PREFIX + "series")
                    .getLocalMapStats()
                    .getOwnedEntryCount()
                + second
                    .getMap(HazelcastStateStore.PREFIX + "series")
                    .getLocalMapStats()
                    .getOwnedEntryCount())
        .isGreaterThanOrEqualTo(50);
  }

  @Test
  @DisplayName(
      "wakes, asked for and queried from a lite member: due by event time or wall time, replaced, removed")
  void wakes() throws Exception {
    WakeScenario.run(store(lite), "windows");
  }

  @Test
  @Order(Integer.MAX_VALUE) // it takes a member down
  @DisplayName(
      "entries updated on one member survive, with their wakes, when the member that owned them crashes")
  void updatesSurviveTheOwnerCrashing() throws Exception {
    List<String> ownedBySecond =
        IntStream.range(0, 200)
            .mapToObj(i -> "series-" + i)
            .filter(key -> second.getPartitionService().getPartition(key).getOwner().localMember())
            .limit(20)
            .toList();
    assertThat(ownedBySecond).hasSize(20);
    for (String key : ownedBySecond) {
      store(first).update("series", key, new Counting()).await(10, TimeUnit.SECONDS);
      store(first)
          .update("series", key, new Counting(new Wake(100, Long.MAX_VALUE - 1)))
          .await(10, TimeUnit.SECONDS);
    }

    second.getLifecycleService().terminate();

    assertThat(store(lite).due("series", 101, 0).await(30, TimeUnit.SECONDS))
        .as("wakes of the crashed owner's entries")
        .containsOnlyKeys(ownedBySecond);
    for (String key : ownedBySecond) {
      assertThat(store(first).update("series", key, new Counting()).await(30, TimeUnit.SECONDS))
          .as("count of %s after its owner crashed", key)
          .isEqualTo(3);
    }
  }

  private static KeyedStateStore store(HazelcastInstance member) {
    return new HazelcastStateStore(vertx, member);
  }
}
