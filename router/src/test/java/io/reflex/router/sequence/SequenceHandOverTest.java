package io.reflex.router.sequence;

import static io.reflex.router.sequence.SequenceRouting.closeDue;
import static io.reflex.router.sequence.SequenceRouting.closeDueAsync;
import static io.reflex.router.sequence.SequenceRouting.event;
import static io.reflex.router.sequence.SequenceRouting.fired;
import static io.reflex.router.sequence.SequenceRouting.route;
import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.reflex.common.event.CloudEvent;
import io.reflex.common.launch.ClusterSettings;
import io.reflex.common.state.HazelcastStateStore;
import io.reflex.common.state.StateSettings;
import io.reflex.common.testing.FreePort;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
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
 * Two router replicas' sequences over a real Hazelcast cluster on loopback: a data member holding
 * the state and two lite members, one per replica, each with its own Vert.x, as the launcher sets
 * them up.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SequenceHandOverTest {

  private static HazelcastInstance data;
  private static final List<HazelcastInstance> routers = new ArrayList<>();
  private static final List<Vertx> vertices = new ArrayList<>();
  private static final List<Sequences> replicas = new ArrayList<>();

  @BeforeAll
  static void startCluster() {
    int[] ports = {FreePort.find(), FreePort.find(), FreePort.find()};
    JsonObject cluster =
        new JsonObject()
            .put("name", "hand-over-" + System.nanoTime())
            .put("host", "127.0.0.1")
            .put(
                "members",
                "127.0.0.1:" + ports[0] + ",127.0.0.1:" + ports[1] + ",127.0.0.1:" + ports[2]);
    data = Hazelcast.newHazelcastInstance(member(cluster, ports[0], false));
    for (int i = 1; i <= 2; i++) {
      HazelcastInstance lite = Hazelcast.newHazelcastInstance(member(cluster, ports[i], true));
      Vertx vertx = Vertx.vertx();
      routers.add(lite);
      vertices.add(vertx);
      replicas.add(new Sequences(new HazelcastStateStore(vertx, lite), SequenceRouting.LIMITS));
    }
  }

  private static Config member(JsonObject cluster, int port, boolean liteMember) {
    return ClusterSettings.hazelcast(
        cluster.copy().put("port", port), StateSettings.none(), liteMember);
  }

  @AfterAll
  static void stop() {
    vertices.forEach(vertx -> vertx.close().await());
    for (HazelcastInstance member : routers) {
      if (member.getLifecycleService().isRunning()) {
        member.shutdown();
      }
    }
    data.shutdown();
  }

  @Test
  @Order(1)
  @DisplayName("two replicas closing the same windows at the same moment fire each window once")
  void doubleScanFiresOnce() throws Exception {
    Sequences first = replicas.get(0);
    Sequences second = replicas.get(1);
    boolean bothClosedSome = false;
    for (int round = 0; round < 10 && !bothClosedSome; round++) {
      int carts = 50;
      String prefix = "shopper-" + round + "-";
      long cartAt = round * 10_000L;
      CloudEvent[] batch =
          IntStream.range(0, carts)
              .mapToObj(i -> event("shop.cart", prefix + i, cartAt))
              .toArray(CloudEvent[]::new);
      fired(route(first, new RouterTime(round * 10_000_000L, 0), batch));

      RouterTime later = new RouterTime(round * 10_000_000L + 1_805_001, 0);
      Future<List<Sequences.Update>> byFirst = closeDueAsync(first, later);
      Future<List<Sequences.Update>> bySecond = closeDueAsync(second, later);
      List<Sequences.Update> expiries = new ArrayList<>(byFirst.await(30, TimeUnit.SECONDS));
      expiries.addAll(bySecond.await(30, TimeUnit.SECONDS));

      assertThat(fired(expiries))
          .as("round %d", round)
          .hasSize(carts)
          .doesNotHaveDuplicates()
          .allMatch(match -> match.startsWith("abandoned-cart/" + prefix));
      // Both looked before either had closed a window: the same windows were expired twice.
      bothClosedSome = expiries.size() > carts;
    }
    assertThat(bothClosedSome)
        .as("both replicas expired some of the same windows in one of the rounds")
        .isTrue();
  }

  @Test
  @Order(2)
  @DisplayName(
      "when the replica that took the first steps and opened the window dies, the other one completes the "
          + "match and closes the window, by event time or by the dead replica's wall-clock estimate, once")
  void otherReplicaTakesOver() throws Exception {
    Sequences dying = replicas.get(0);
    Sequences survivor = replicas.get(1);
    long start = 100_000_000_000L;
    RouterTime then = new RouterTime(start + 10_000, 50_000);
    fired(
        route(
            dying,
            then,
            event("auth.failed", "mallory", start / 1000),
            event("shop.cart", "mallory", start / 1000),
            event("auth.failed", "mallory", start / 1000 + 5),
            event("auth.failed", "mallory", start / 1000 + 10)));
    fired(route(dying, then, event("shop.cart", "trent", start / 1000 + 10)));

    routers.get(0).getLifecycleService().terminate();
    vertices.get(0).close().await(30, TimeUnit.SECONDS);

    assertThat(
            fired(
                route(
                    survivor,
                    new RouterTime(start + 20_000, 60_000),
                    event("auth.succeeded", "mallory", start / 1000 + 20))))
        .containsExactly("brute-force/mallory");
    // The dying replica, at 10 s of event time and 50 s of wall time, estimated that Mallory's
    // window (1800 s from
    // her cart) would end 1790 s later: wall 50 s + 1790 s + 5 s allowance. Trent's ends 10 s after
    // hers.
    assertThat(closeDue(survivor, new RouterTime(Long.MIN_VALUE, 1_844_999))).isEmpty();
    assertThat(closeDue(survivor, new RouterTime(Long.MIN_VALUE, 1_845_000)))
        .containsExactly("abandoned-cart/mallory");
    assertThat(closeDue(survivor, new RouterTime(Long.MIN_VALUE, 1_855_000)))
        .containsExactly("abandoned-cart/trent");
    assertThat(closeDue(survivor, new RouterTime(start + 10_000_000, 10_000_000))).isEmpty();
  }
}
