package io.reflex.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.reflex.common.event.CloudEvent;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sequence rules through the real router verticle and its keyed-state store (in memory, as
 * standalone runs it): events in on the router's address, derived events out on the gateways'.
 */
@ExtendWith(VertxExtension.class)
class RouterSequencesTest {

  private static final Instant START = Instant.parse("2026-03-01T12:00:00Z");
  private static final String MARKER =
      """
        - id: marker
          pattern: {type: [test.marker]}
          actions: [{emit: {type: test.marked}}]
      """;

  private static String rules(String bruteForceWithin) {
    return "rules:\n"
        + MARKER
        + """
          - id: brute-force
            by: subject
            within: %s
            steps:
              - pattern: {type: [auth.failed]}
                atLeast: 3
              - pattern: {type: [auth.succeeded]}
            actions: [{emit: {type: security.brute-force, subject: "${key}"}}]
          - id: abandoned-cart
            by: data.user
            within: 30m
            steps:
              - pattern: {type: [shop.cart]}
              - not: {type: [shop.purchase]}
            actions: [{emit: {type: shop.abandoned, subject: "${key}"}}]
        """
            .formatted(bruteForceWithin);
  }

  @TempDir Path dir;
  private RouterHarness router;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    router = new RouterHarness(vertx, dir.resolve("rules.yaml"), rules("1m"));
  }

  private static JsonObject event(String type, String subject, long second) {
    return new JsonObject()
        .put("specversion", "1.0")
        .put("id", type + "-" + subject + "-" + UUID.randomUUID())
        .put("source", "test://router")
        .put("type", type)
        .put("subject", subject)
        .put("time", START.plusSeconds(second).toString());
  }

  private static JsonObject shop(String type, String user, long second) {
    return event(type, "shop", second).put("data", new JsonObject().put("user", user));
  }

  /**
   * Routes a marker and waits for its output: the router handles batches in order, so every output
   * of the batches before it has come by then.
   */
  private void settle() throws InterruptedException {
    JsonObject marker = event("test.marker", "marker", 0);
    router.route(marker);
    router.await(output -> marker.getString("id").equals(output.causationId()));
  }

  private long pushed(String type, String subject) {
    return router.outputs().stream()
        .filter(o -> type.equals(o.type()) && subject.equals(o.subject()))
        .count();
  }

  @Test
  @DisplayName(
      "three failed logins and a success in one batch push one alert; a later success alone pushes none")
  void sequenceInOneBatch() throws Exception {
    JsonObject success = event("auth.succeeded", "alice", 30);
    router.route(
        event("auth.failed", "alice", 0),
        event("auth.failed", "bob", 1),
        event("auth.failed", "alice", 10),
        event("auth.failed", "alice", 20),
        success);
    CloudEvent alert = router.await(output -> "security.brute-force".equals(output.type()));
    assertThat(alert.subject()).isEqualTo("alice");
    assertThat(alert.causationId()).isEqualTo(success.getString("id"));

    router.route(event("auth.succeeded", "alice", 40));
    settle();
    assertThat(pushed("security.brute-force", "alice")).isEqualTo(1);
  }

  @Test
  @DisplayName(
      "a cart with no purchase is pushed as abandoned, once, when event time on another key passes its window")
  void abandonedCart() throws Exception {
    router.route(
        shop("shop.cart", "ann", 0), shop("shop.cart", "ben", 0), shop("shop.purchase", "ben", 60));
    settle();
    assertThat(router.outputs()).noneMatch(output -> "shop.abandoned".equals(output.type()));

    router.route(shop("shop.view", "someone-else", 31 * 60));
    router.await(output -> "shop.abandoned".equals(output.type()));
    router.route(shop("shop.view", "someone-else", 120 * 60));
    settle();
    assertThat(pushed("shop.abandoned", "ann")).isEqualTo(1);
    assertThat(pushed("shop.abandoned", "ben")).isZero();
  }

  @Test
  @DisplayName(
      "a reload keeps the partial matches of an unchanged rule and drops those of a changed one")
  void reload() throws Exception {
    router.route(
        event("auth.failed", "carol", 0),
        event("auth.failed", "carol", 1),
        event("auth.failed", "carol", 2));
    settle();
    router.reload(
        rules("1m")
            .replace(
                "rules:\n",
                "rules:\n  - id: extra\n    pattern: {type: [x]}\n"
                    + "    actions: [{deliver: anomaly}]\n"));
    router.route(event("auth.succeeded", "carol", 3));
    router.await(
        output -> "security.brute-force".equals(output.type()) && "carol".equals(output.subject()));

    router.route(
        event("auth.failed", "dan", 0),
        event("auth.failed", "dan", 1),
        event("auth.failed", "dan", 2));
    settle();
    router.reload(rules("2m"));
    router.route(event("auth.succeeded", "dan", 3));
    settle();
    assertThat(pushed("security.brute-force", "dan"))
        .as("the changed rule started afresh")
        .isZero();
    router.route(
        event("auth.failed", "dan", 4),
        event("auth.failed", "dan", 5),
        event("auth.failed", "dan", 6),
        event("auth.succeeded", "dan", 7));
    router.await(
        output -> "security.brute-force".equals(output.type()) && "dan".equals(output.subject()));
  }
}
