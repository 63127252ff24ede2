package io.reflex.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.reflex.common.launch.Mesh;
import io.reflex.common.testing.Events;
import io.reflex.common.testing.FreePort;
import io.reflex.common.testing.WsTestClient;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Sequence rules and the rule operations through the gateway of a standalone mesh running the
 * bundled rules.
 */
@ExtendWith(VertxExtension.class)
class SequenceRulesMeshTest {

  private static Mesh mesh;
  private static Vertx clients;
  private static int port;
  private static WebClient http;

  @BeforeAll
  static void start(Vertx injected) {
    port = FreePort.find();
    mesh = TestMeshes.standalone(port, new JsonObject());
    clients = injected;
    http = WebClient.create(clients);
  }

  @AfterAll
  static void stop() {
    http.close();
    mesh.close().await();
  }

  private static JsonObject publish(String ref, JsonObject... events) {
    return new JsonObject()
        .put("op", "publish")
        .put("ref", ref)
        .put("events", new JsonArray(List.of((Object[]) events)));
  }

  private static void subscribe(WsTestClient client, String sub, String type) {
    JsonObject reply =
        client.request(
            new JsonObject()
                .put("op", "subscribe")
                .put("ref", "s-" + sub)
                .put("sub", sub)
                .put("pattern", new JsonObject().put("type", new JsonArray().add(type))));
    assertThat(reply.getString("op")).isEqualTo("subscribed");
  }

  private static JsonObject timed(JsonObject event, Instant time) {
    return event.put("time", time.toString());
  }

  @Test
  @DisplayName(
      "three failed logins and a success, published over the WebSocket, push one brute-force alert to a subscriber")
  void bruteForceThroughTheGateway() {
    try (WsTestClient client = WsTestClient.connect(clients, port)) {
      subscribe(client, "alerts", "security.brute-force-suspected");
      String user = "user-" + UUID.randomUUID();
      Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
      String success = "ok-" + user;
      JsonObject ack =
          client.request(
              publish(
                  "p1",
                  timed(Events.event("f1-" + user, "auth.failed", user, null), start),
                  timed(
                      Events.event("f2-" + user, "auth.failed", user, null), start.plusSeconds(5)),
                  timed(
                      Events.event("f3-" + user, "auth.failed", user, null), start.plusSeconds(10)),
                  timed(
                      Events.event(success, "auth.succeeded", user, null), start.plusSeconds(20))));
      assertThat(
              ack.getJsonArray("results").stream().map(r -> ((JsonObject) r).getString("status")))
          .containsOnly("accepted");

      JsonObject alert = client.awaitEvent("alerts", e -> user.equals(e.getString("subject")));
      assertThat(alert.getString("ruleid")).isEqualTo("brute-force-login");
      assertThat(alert.getString("causationid")).isEqualTo(success);
      assertThat(alert.getJsonObject("data").getInteger("failures")).isEqualTo(3);
      assertThat(alert.getJsonObject("data").getString("firstFailure")).isEqualTo(start.toString());
    }
  }

  @Test
  @DisplayName(
      "a cart with no purchase is pushed as abandoned once later events move event time past its window")
  void abandonedCartThroughTheGateway() {
    try (WsTestClient client = WsTestClient.connect(clients, port)) {
      subscribe(client, "abandoned", "shop.cart-abandoned");
      String user = "shopper-" + UUID.randomUUID();
      Instant now = Instant.now();
      client.request(
          publish(
              "cart",
              Events.shop("c-" + user, "shop.cart", user, "kettle", now.minusSeconds(40 * 60))));
      client.request(
          publish("later", Events.shop("v-" + user, "shop.view", "someone-else", "mug", now)));

      JsonObject abandoned =
          client.awaitEvent("abandoned", e -> user.equals(e.getString("subject")));
      assertThat(abandoned.getString("ruleid")).isEqualTo("abandoned-cart");
      assertThat(abandoned.getJsonObject("data").getString("item")).isEqualTo("kettle");
    }
  }

  @Test
  @DisplayName(
      "GET /api/rules lists field and sequence rules with their hit counts and the rules version")
  void listRules() {
    JsonObject listed = http.get(port, "127.0.0.1", "/api/rules").send().await().bodyAsJsonObject();
    assertThat(listed.getInteger("version")).isEqualTo(1);
    assertThat(listed.getValue("lastError")).isNull();
    assertThat(
            listed.getJsonArray("rules").stream()
                .map(JsonObject.class::cast)
                .filter(rule -> "brute-force-login".equals(rule.getString("id")))
                .findFirst()
                .orElseThrow()
                .getString("kind"))
        .isEqualTo("sequence");
    assertThat(listed.getJsonArray("rules").stream().map(r -> ((JsonObject) r).getString("id")))
        .contains("telemetry-to-anomaly", "abandoned-cart");
  }

  @Test
  @DisplayName(
      "POST /api/rules/validate names rule, field and reason, keeps event-ruler's words and refuses costly wildcards")
  void validate() {
    String document =
        """
        rules:
          - id: ok
            pattern: {type: [a]}
            actions: [{deliver: anomaly}]
          - id: bad-numeric
            pattern: {data: {value: [{numeric: [">", "ten"]}]}}
            actions: [{deliver: anomaly}]
          - id: costly
            pattern: {subject: [{wildcard: "*a*b*c*d*e*f*g*h*i*j*k*l*m*n*o*p*q*r*s*t*"}]}
            actions: [{deliver: anomaly}]
          - id: seq-no-window
            steps: [{pattern: {type: [a]}}, {not: {type: [b]}}]
            actions: [{emit: {type: x}}]
        """;
    HttpResponse<Buffer> response =
        http.post(port, "127.0.0.1", "/api/rules/validate")
            .sendBuffer(Buffer.buffer(document))
            .await();
    assertThat(response.statusCode()).isEqualTo(422);
    JsonArray errors = response.bodyAsJsonObject().getJsonArray("errors");
    assertThat(
            errors.stream()
                .map(
                    e ->
                        ((JsonObject) e).getString("rule")
                            + "/"
                            + ((JsonObject) e).getString("field")))
        .containsExactlyInAnyOrder("bad-numeric/pattern", "costly/pattern", "seq-no-window/within");
    assertThat(
            errors.stream()
                .map(JsonObject.class::cast)
                .filter(e -> "costly".equals(e.getString("rule")))
                .findFirst()
                .orElseThrow()
                .getString("reason"))
        .contains("complexity");

    HttpResponse<Buffer> valid =
        http.post(port, "127.0.0.1", "/api/rules/validate")
            .sendBuffer(
                Buffer.buffer(
                    "{\"rules\":[{\"id\":\"j\",\"pattern\":{\"type\":[\"a\"]},"
                        + "\"actions\":[{\"deliver\":\"anomaly\"}]}]}"))
            .await();
    assertThat(valid.statusCode()).isEqualTo(200);
    assertThat(valid.bodyAsJsonObject().getInteger("rules")).isEqualTo(1);
  }

  @Test
  @DisplayName(
      "POST /api/rules/test says which rules an event matches and what they would emit, without emitting")
  void testAnEvent() {
    try (WsTestClient client = WsTestClient.connect(clients, port)) {
      subscribe(client, "big", "shop.big-purchase");
      JsonObject purchase =
          Events.shop("t-" + UUID.randomUUID(), "shop.purchase", "tess", "piano", Instant.now())
              .put(
                  "data",
                  new JsonObject()
                      .put("user", "tess")
                      .put("item", "piano")
                      .put("amount", 900)
                      .put("country", "FR"));
      JsonObject answer =
          http.post(port, "127.0.0.1", "/api/rules/test")
              .sendJsonObject(new JsonObject().put("event", purchase))
              .await()
              .bodyAsJsonObject();
      JsonArray matches = answer.getJsonArray("matches");
      assertThat(matches.stream().map(m -> ((JsonObject) m).getString("rule")))
          .containsExactly(
              "shopping-to-recommender",
              "big-purchase",
              "abandoned-cart",
              "purchases-in-two-countries");
      JsonObject big = matches.getJsonObject(1);
      assertThat(
              big.getJsonArray("actions")
                  .getJsonObject(0)
                  .getJsonObject("emit")
                  .getJsonObject("data")
                  .getInteger("amount"))
          .isEqualTo(900);
      assertThat(matches.getJsonObject(2).getJsonArray("steps"))
          .as("the purchase is abandoned-cart's 'not'")
          .containsExactly(1);
      assertThat(matches.getJsonObject(3).getJsonArray("steps")).containsExactly(0, 1);

      JsonObject own =
          http.post(port, "127.0.0.1", "/api/rules/test")
              .sendJsonObject(
                  new JsonObject()
                      .put("event", purchase)
                      .put(
                          "rules",
                          "rules: [{id: mine, pattern: {data: {country: [FR]}},"
                              + " actions: [{deliver: recommender}]}]"))
              .await()
              .bodyAsJsonObject();
      assertThat(own.getJsonArray("matches").getJsonObject(0))
          .isEqualTo(
              new JsonObject()
                  .put("rule", "mine")
                  .put("kind", "field")
                  .put(
                      "actions",
                      new JsonArray().add(new JsonObject().put("deliver", "recommender"))));

      client.request(
          publish(
              "marker",
              Events.shop("m-" + UUID.randomUUID(), "shop.purchase", "tess", "pin", Instant.now())
                  .put(
                      "data",
                      new JsonObject().put("user", "tess").put("item", "pin").put("amount", 501))));
      JsonObject pushed = client.awaitEvent("big", e -> true);
      assertThat(pushed.getJsonObject("data").getInteger("amount"))
          .as("the tested purchase was never routed")
          .isEqualTo(501);
    }
  }

  @Test
  @DisplayName(
      "POST /api/rules/explain says why each rule misses, nearest first, and what a key's partial matches "
          + "hold")
  void explainAnEvent() throws InterruptedException {
    try (WsTestClient client = WsTestClient.connect(clients, port)) {
      String user = "x-" + UUID.randomUUID();
      // Near the router's event time: a window far in its past would be closed by its timer at
      // once.
      Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
      client.request(publish("x1", failedLogins(user, start, 5).toArray(JsonObject[]::new)));
      JsonObject success =
          timed(Events.event("xok-" + user, "auth.succeeded", user, null), start.plusSeconds(20));

      JsonObject brute = bruteForce(explainUntilHeld(success, 3));
      assertThat(brute.getString("key")).isEqualTo(user);
      JsonObject held = brute.getJsonArray("held").getJsonObject(0);
      assertThat(held.getJsonArray("counts")).containsExactly(3, 0);
      assertThat(held.getString("deadline")).isEqualTo(start.plusSeconds(60).toString());
      assertThat(brute.getJsonObject("thisEvent").getInteger("fires")).isEqualTo(1);
      assertThat(
              brute
                  .getJsonObject("thisEvent")
                  .getJsonArray("ended")
                  .getJsonObject(0)
                  .getString("ended"))
          .startsWith("completed");

      JsonObject late =
          timed(
              Events.event("xlate-" + user, "auth.succeeded", user, null), start.plusSeconds(120));
      JsonObject answer = explain(late);
      assertThat(
              bruteForce(answer)
                  .getJsonObject("thisEvent")
                  .getJsonArray("ended")
                  .getJsonObject(0)
                  .getString("ended"))
          .startsWith("timed out");
      assertThat(
              bruteForce(explain(success))
                  .getJsonArray("held")
                  .getJsonObject(0)
                  .getJsonArray("counts"))
          .as("explaining stores nothing")
          .containsExactly(3, 0);

      JsonArray rules = answer.getJsonArray("rules");
      assertThat(answer.getJsonArray("matched")).containsExactly("brute-force-login");
      JsonObject nearestField =
          rules.stream()
              .map(JsonObject.class::cast)
              .filter(r -> "field".equals(r.getString("kind")))
              .findFirst()
              .orElseThrow();
      assertThat(nearestField.getLong("fieldsFailed")).isEqualTo(1);
      assertThat(nearestField.getJsonObject("failed").getString("field")).isEqualTo("type");
      assertThat(nearestField.getJsonObject("failed").getString("seen"))
          .isEqualTo("auth.succeeded");
      JsonObject overheating =
          rules.stream()
              .map(JsonObject.class::cast)
              .filter(r -> "overheating".equals(r.getString("rule")))
              .findFirst()
              .orElseThrow();
      assertThat(overheating.getLong("fieldsFailed")).isEqualTo(3);
      assertThat(
              rules.stream()
                  .map(JsonObject.class::cast)
                  .filter(r -> !r.getBoolean("matched"))
                  .mapToLong(r -> r.getLong("fieldsFailed")))
          .as("nearest first")
          .isSorted();
    }
  }

  private static JsonObject explain(JsonObject event) {
    HttpResponse<Buffer> response =
        http.post(port, "127.0.0.1", "/api/rules/explain")
            .sendJsonObject(new JsonObject().put("event", event))
            .await();
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject();
  }

  /**
   * Explains until the key's partial match has taken {@code failures} events: the store updates
   * after the ack.
   */
  private static JsonObject explainUntilHeld(JsonObject event, int failures)
      throws InterruptedException {
    for (int attempt = 0; attempt < 200; attempt++) {
      JsonObject answer = explain(event);
      JsonArray held = bruteForce(answer).getJsonArray("held");
      if (!held.isEmpty()
          && held.getJsonObject(0).getJsonArray("counts").getInteger(0) == failures) {
        return answer;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the partial match never held " + failures + " failures");
  }

  private static JsonObject bruteForce(JsonObject answer) {
    return answer.getJsonArray("rules").stream()
        .map(JsonObject.class::cast)
        .filter(r -> "brute-force-login".equals(r.getString("rule")))
        .findFirst()
        .orElseThrow();
  }

  @Test
  @DisplayName(
      "per-rule telemetry: /api/stats and /metrics carry each busy rule's rate, cost, derived events and "
          + "state")
  void ruleTelemetry() throws InterruptedException {
    try (WsTestClient client = WsTestClient.connect(clients, port)) {
      String user = "t-" + UUID.randomUUID();
      Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
      List<JsonObject> logins = new java.util.ArrayList<>(failedLogins(user, start, 1));
      logins.add(
          timed(Events.event("tok-" + user, "auth.succeeded", user, null), start.plusSeconds(3)));
      client.request(publish("t1", logins.toArray(JsonObject[]::new)));

      JsonObject brute = null;
      for (int attempt = 0; attempt < 300 && brute == null; attempt++) {
        JsonObject stats =
            http.get(port, "127.0.0.1", "/api/stats").send().await().bodyAsJsonObject();
        JsonObject figures = stats.getJsonObject("ruleStats").getJsonObject("brute-force-login");
        if (figures != null && figures.getDouble("derived") >= 1) {
          brute = figures;
        } else {
          Thread.sleep(
              100); // the router recomputes its per-rule figures every router.telemetry.periodMs
        }
      }
      assertThat(brute).as("brute-force-login's figures on /api/stats").isNotNull();
      assertThat(brute.fieldNames()).contains("perSecond", "costMicros", "partials", "stateBytes");

      String metrics = http.get(port, "127.0.0.1", "/metrics").send().await().bodyAsString();
      assertThat(metrics)
          .contains(
              "reflex_rule_derived_events{rule=\"brute-force-login\"}",
              "reflex_rule_matches_per_second{rule=\"auth-failures-to-anomaly\"}",
              "reflex_rule_match_cost_microseconds{rule=\"auth-failures-to-anomaly\"}",
              "reflex_rule_partials_held{rule=\"brute-force-login\"}",
              "reflex_rule_state_bytes{rule=");
    }
  }

  /** Three failed logins of the user, {@code apart} seconds apart from {@code start}. */
  private static List<JsonObject> failedLogins(String user, Instant start, int apart) {
    return List.of(
        timed(Events.event("f1-" + user, "auth.failed", user, null), start),
        timed(Events.event("f2-" + user, "auth.failed", user, null), start.plusSeconds(apart)),
        timed(
            Events.event("f3-" + user, "auth.failed", user, null), start.plusSeconds(2L * apart)));
  }
}
