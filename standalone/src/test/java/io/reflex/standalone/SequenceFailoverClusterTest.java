package io.reflex.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.reflex.common.testing.Events;
import io.reflex.common.testing.WsTestClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two router replicas in their own JVMs, with the data member (anomaly and recommender) and the
 * front door (ingestion and gateway) in two more, joined on loopback and running the bundled rules.
 * The first steps of two sequence rules (brute-force login, and the cart of an abandoned-cart) go
 * in through the gateway WebSocket in one frame, so one router replica takes them; that replica is
 * killed with {@code kill -9}; the last step then completes the match on the other replica, and the
 * abandoned cart's window, opened by the dead replica, closes there: each alert is pushed to the
 * subscriber exactly once.
 */
class SequenceFailoverClusterTest {

  private static final Duration START_LIMIT = Duration.ofSeconds(330);
  private static final String UPDATES = "reflex_sequence_updates_total";
  private static final String BRUTE_FORCE = "security.brute-force-suspected";
  private static final String ABANDONED = "shop.cart-abandoned";

  private LoopbackCluster cluster;
  private WsTestClient client;
  private int attempt;

  @AfterEach
  void stopEverything() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  @DisplayName(
      "the router replica holding a partial match and an open window is killed: the other replica "
          + "completes the match and closes the window, each alert pushed once")
  void partialMatchAndWindowSurviveTheirReplica() throws Exception {
    cluster = new LoopbackCluster("reflex-sequences", 4);
    // Lite members need a data member to join: Vert.x writes its node information into a map as
    // they start.
    cluster.start("data", "anomaly,recommender", 0).awaitReady(START_LIMIT);
    long formation = System.nanoTime();
    cluster.start("router-1", "router", 1);
    cluster.start("router-2", "router", 2);
    cluster.start("front", "ingestion,gateway", 3);
    cluster.awaitReady(START_LIMIT);
    System.out.printf(
        "routers and front door joined %d ms after the data member was ready%n",
        millisSince(formation));
    client = cluster.connect();
    assertThat(
            client
                .request(
                    new JsonObject()
                        .put("op", "subscribe")
                        .put("ref", "s")
                        .put("sub", "alerts")
                        .put(
                            "pattern",
                            new JsonObject()
                                .put("type", new JsonArray().add(BRUTE_FORCE).add(ABANDONED))))
                .getString("op"))
        .isEqualTo("subscribed");

    // Event time 40 minutes back, so that an event of now is past the 30-minute cart window.
    Instant start = Instant.now().minus(40, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS);
    String user = "mallory-" + System.nanoTime();
    String shopper = "trent-" + System.nanoTime();
    publish(
        failedLogin(user, start),
        failedLogin(user, start.plusSeconds(5)),
        failedLogin(user, start.plusSeconds(10)),
        Events.shop(id("cart"), "shop.cart", shopper, "kettle", start));

    ServiceProcess holder = replicaThatTookTheFrame();
    ServiceProcess survivor =
        holder == cluster.process("router-1")
            ? cluster.process("router-2")
            : cluster.process("router-1");
    assertThat(pushed(e -> true)).as("nothing completed before the kill").isEmpty();
    holder.crash();
    long killed = System.nanoTime();
    System.out.printf(
        "killed %s, which took the first steps; %s carries on%n", holder.name(), survivor.name());

    // A batch sent to the dead replica before the cluster dropped it is lost (sends are at most
    // once): publish the
    // last step again, under a new id, until it completes the match. The view of now moves event
    // time past the cart.
    JsonObject alert = null;
    for (int tries = 0; alert == null; tries++) {
      assertThat(tries)
          .as("attempts to complete the match on the surviving replica")
          .isLessThan(20);
      publish(
          Events.event(id("ok"), "auth.succeeded", user, null)
              .put("time", start.plusSeconds(20).toString()),
          Events.shop(id("view"), "shop.view", "someone-else", "mug", Instant.now()));
      alert =
          awaitPushed(
              e -> BRUTE_FORCE.equals(e.getString("type")) && user.equals(e.getString("subject")),
              Duration.ofSeconds(3));
    }
    System.out.printf(
        "hand-over: brute-force match completed on %s %d ms after the kill%n",
        survivor.name(), millisSince(killed));
    assertThat(alert.getJsonObject("data").getInteger("failures")).isEqualTo(3);
    assertThat(alert.getJsonObject("data").getString("firstFailure")).isEqualTo(start.toString());

    JsonObject abandoned =
        awaitPushed(
            e -> ABANDONED.equals(e.getString("type")) && shopper.equals(e.getString("subject")),
            Duration.ofSeconds(60));
    assertThat(abandoned).as("the dead replica's window closed by the survivor").isNotNull();
    System.out.printf(
        "hand-over: abandoned cart fired on %s %d ms after the kill%n",
        survivor.name(), millisSince(killed));
    assertThat(abandoned.getJsonObject("data").getString("item")).isEqualTo("kettle");
    assertThat(abandoned.getJsonObject("data").getString("cartAt")).isEqualTo(start.toString());

    // The survivor pushes in order: once a fresh match routed after them arrives, a repeat of
    // either would have too.
    // Until the cluster drops the dead replica, a send may still go to it and be lost: a new marker
    // each time.
    JsonObject markerAlert = null;
    for (int tries = 0; markerAlert == null; tries++) {
      assertThat(tries).as("attempts to get a fresh match through the survivor").isLessThan(10);
      String marker = "marker-" + System.nanoTime();
      Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
      publish(
          failedLogin(marker, now),
          failedLogin(marker, now),
          failedLogin(marker, now),
          Events.event(id("ok"), "auth.succeeded", marker, null).put("time", now.toString()));
      markerAlert = awaitPushed(e -> marker.equals(e.getString("subject")), Duration.ofSeconds(5));
    }
    assertThat(pushed(e -> user.equals(e.getString("subject"))))
        .as("brute-force alerts for " + user)
        .hasSize(1);
    assertThat(pushed(e -> shopper.equals(e.getString("subject"))))
        .as("abandoned carts of " + shopper)
        .hasSize(1);
    assertThat(survivor.metric(UPDATES)).as("store updates by the survivor").isPositive();
  }

  /**
   * Waits until one router replica has sent the frame's two store updates (one per rule and key),
   * the other none.
   */
  private ServiceProcess replicaThatTookTheFrame() throws Exception {
    ServiceProcess first = cluster.process("router-1");
    ServiceProcess second = cluster.process("router-2");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (first.metric(UPDATES) + second.metric(UPDATES) < 2 && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    double byFirst = first.metric(UPDATES);
    double bySecond = second.metric(UPDATES);
    assertThat(List.of(byFirst, bySecond))
        .as("store updates by router-1 and router-2")
        .containsExactlyInAnyOrder(2.0, 0.0);
    return byFirst > 0 ? first : second;
  }

  private String id(String what) {
    return what + "-" + attempt++;
  }

  private JsonObject failedLogin(String user, Instant time) {
    return Events.event(id("failed"), "auth.failed", user, new JsonObject().put("ip", "10.0.0.9"))
        .put("time", time.toString());
  }

  private void publish(JsonObject... events) {
    JsonObject ack =
        client.request(
            new JsonObject()
                .put("op", "publish")
                .put("ref", id("publish"))
                .put("events", new JsonArray(List.of((Object[]) events))));
    assertThat(ack.getJsonArray("results").stream().map(r -> ((JsonObject) r).getString("status")))
        .containsOnly("accepted");
  }

  /** The events pushed to the subscription so far that match the condition. */
  private List<JsonObject> pushed(Predicate<JsonObject> condition) {
    return client.framesSoFar().stream()
        .filter(
            frame ->
                "event".equals(frame.getString("op")) && "alerts".equals(frame.getString("sub")))
        .map(frame -> frame.getJsonObject("event"))
        .filter(condition)
        .toList();
  }

  /**
   * The first pushed event matching the condition, waiting up to {@code limit}; null if none came.
   */
  private JsonObject awaitPushed(Predicate<JsonObject> condition, Duration limit)
      throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    do {
      List<JsonObject> found = pushed(condition);
      if (!found.isEmpty()) {
        return found.get(0);
      }
      Thread.sleep(20);
    } while (System.nanoTime() < deadline);
    return null;
  }

  private static long millisSince(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
  }
}
