package io.reflex.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.reflex.common.testing.Events;
import io.reflex.common.testing.PrometheusText;
import io.reflex.common.testing.WsTestClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * End-to-end behaviour through a real WebSocket client and HTTP, the same whether the services
 * share one JVM or sit on different clustered nodes (subclasses provide the mesh).
 */
abstract class MeshScenarios {

  /**
   * Set by each subclass's {@code @BeforeAll}: a Vert.x for the test's clients (not one the
   * services run on).
   */
  static Vertx clients;

  static int port;

  static Vertx clientVertx() {
    return clients;
  }

  static int gatewayPort() {
    return port;
  }

  private static JsonObject publish(String ref, JsonObject... events) {
    return new JsonObject()
        .put("op", "publish")
        .put("ref", ref)
        .put("events", new JsonArray(List.of((Object[]) events)));
  }

  private static JsonObject subscribe(String sub, JsonObject pattern) {
    return new JsonObject()
        .put("op", "subscribe")
        .put("ref", "s-" + sub)
        .put("sub", sub)
        .put("pattern", pattern);
  }

  @Test
  @DisplayName(
      "a published batch gets one result per event, in order: accepted, rejected with a reason, duplicate")
  void publishResults() {
    try (WsTestClient client = WsTestClient.connect(clientVertx(), gatewayPort())) {
      String id = "e-" + UUID.randomUUID();
      JsonObject valid = Events.event(id, "test.thing", "x", new JsonObject().put("n", 1));
      JsonObject missingType = Events.event("e-missing", "test.thing", null, null);
      missingType.remove("type");
      JsonObject ack =
          client.request(
              publish("p1", valid, missingType, valid.copy())
                  .put(
                      "events",
                      new JsonArray()
                          .add(valid)
                          .add(missingType)
                          .add(valid.copy())
                          .add("not an event")));
      assertThat(ack.getString("op")).isEqualTo("ack");
      JsonArray results = ack.getJsonArray("results");
      assertThat(results).hasSize(4);
      assertThat(results.getJsonObject(0))
          .isEqualTo(new JsonObject().put("id", id).put("status", "accepted"));
      assertThat(results.getJsonObject(1).getString("status")).isEqualTo("rejected");
      assertThat(results.getJsonObject(1).getJsonObject("error").getString("code"))
          .isEqualTo("missing_attribute");
      assertThat(results.getJsonObject(1).getJsonObject("error").getString("message"))
          .contains("'type'");
      assertThat(results.getJsonObject(2))
          .isEqualTo(new JsonObject().put("id", id).put("status", "duplicate"));
      assertThat(results.getJsonObject(3).getJsonObject("error").getString("code"))
          .isEqualTo("not_an_object");
    }
  }

  @Test
  @DisplayName(
      "a spike in a metric stream is pushed as one anomaly and one rule-derived event, both caused by the spike, and the anomaly as an alert")
  void anomalyAndDerivedEvent() {
    try (WsTestClient client = WsTestClient.connect(clientVertx(), gatewayPort())) {
      String series = "temperature/e2e-" + UUID.randomUUID();
      JsonObject seriesOnly = new JsonObject().put("subject", new JsonArray().add(series));
      assertThat(
              client
                  .request(
                      subscribe(
                          "anomalies",
                          seriesOnly
                              .copy()
                              .put("type", new JsonArray().add("reflex.anomaly.detected"))))
                  .getString("op"))
          .isEqualTo("subscribed");
      assertThat(
              client
                  .request(
                      subscribe(
                          "hot",
                          seriesOnly.copy().put("type", new JsonArray().add("iot.overheating"))))
                  .getString("op"))
          .isEqualTo("subscribed");

      assertThat(
              client
                  .request(
                      subscribe(
                          "alerts",
                          seriesOnly.copy().put("type", new JsonArray().add("ops.alert"))))
                  .getString("op"))
          .isEqualTo("subscribed");

      Random random = new Random(1);
      Instant start = Instant.parse("2026-03-01T00:00:00Z");
      int points = 400;
      for (int batch = 0; batch < points / 100; batch++) {
        List<JsonObject> events = new ArrayList<>();
        for (int i = batch * 100; i < (batch + 1) * 100; i++) {
          events.add(
              Events.metric(
                  series + "-" + i,
                  series,
                  40 + random.nextGaussian() * 0.5,
                  start.plusSeconds(60L * i)));
        }
        JsonObject ack = client.request(publish("m" + batch, events.toArray(JsonObject[]::new)));
        assertThat(
                ack.getJsonArray("results").stream().map(r -> ((JsonObject) r).getString("status")))
            .containsOnly("accepted");
      }
      String spikeId = series + "-spike";
      client.request(
          publish("spike", Events.metric(spikeId, series, 99, start.plusSeconds(60L * points))));

      JsonObject anomaly = client.awaitEvent("anomalies", e -> true);
      assertThat(anomaly.getString("causationid")).isEqualTo(spikeId);
      assertThat(anomaly.getString("source")).isEqualTo("reflex://anomaly");
      assertThat(anomaly.getJsonObject("data").getDouble("value")).isEqualTo(99.0);
      assertThat(anomaly.getJsonObject("data").getDouble("score")).isBetween(0.0, 1.0);
      assertThat(anomaly.getJsonObject("data").getString("reason")).isNotBlank();

      JsonObject derived = client.awaitEvent("hot", e -> true);
      assertThat(derived.getString("causationid")).isEqualTo(spikeId);
      assertThat(derived.getString("ruleid")).isEqualTo("overheating");
      assertThat(derived.getJsonObject("data").getDouble("celsius")).isEqualTo(99.0);

      // A chain: the anomaly, an output, went back through the rules (among the points' scores).
      JsonObject alert = client.awaitEvent("alerts", e -> true);
      assertThat(alert.getString("causationid")).isEqualTo(anomaly.getString("id"));
      assertThat(alert.getString("ruleid")).isEqualTo("anomaly-to-ops");

      // Steady data before the spike raised nothing: the only pushes are the spike's.
      assertThat(client.framesSoFar().stream().filter(f -> "event".equals(f.getString("op"))))
          .hasSize(3);
    }
  }

  @Test
  @DisplayName(
      "a burst of failed logins in an event-rate series is pushed as exactly one anomaly, caused by the burst")
  void eventRateAnomaly() {
    try (WsTestClient client = WsTestClient.connect(clientVertx(), gatewayPort())) {
      String source = "test://auth-" + UUID.randomUUID();
      client.request(
          subscribe(
              "logins",
              new JsonObject()
                  .put("type", new JsonArray().add("reflex.anomaly.detected"))
                  .put("subject", new JsonArray().add(source))));
      Instant start = Instant.parse("2026-03-02T00:00:00Z");
      List<JsonObject> events = new ArrayList<>();
      int minutes = 200;
      for (int minute = 0; minute < minutes; minute++) {
        for (int i = 0; i < 3; i++) {
          events.add(
              failedLogin(source, minute + "-" + i, start.plusSeconds(60L * minute + 10L * i)));
        }
      }
      String lastOfBurst = null;
      for (int i = 0; i < 60; i++) {
        lastOfBurst = minutes + "-" + i;
        events.add(failedLogin(source, lastOfBurst, start.plusSeconds(60L * minutes + i)));
      }
      events.add(failedLogin(source, "after", start.plusSeconds(60L * (minutes + 1) + 5)));
      for (int from = 0; from < events.size(); from += 200) {
        client.request(
            publish(
                "auth" + from,
                events
                    .subList(from, Math.min(events.size(), from + 200))
                    .toArray(JsonObject[]::new)));
      }
      JsonObject anomaly = client.awaitEvent("logins", e -> true);
      assertThat(anomaly.getString("causationid")).isEqualTo(source + "/" + lastOfBurst);
      assertThat(anomaly.getJsonObject("data").getString("group")).isEqualTo("failed-logins");
      assertThat(anomaly.getJsonObject("data").getDouble("value")).isEqualTo(60.0);
      assertThat(client.framesSoFar().stream().filter(f -> "event".equals(f.getString("op"))))
          .hasSize(1);
    }
  }

  private static JsonObject failedLogin(String source, String id, Instant time) {
    return Events.event(
            source + "/" + id,
            "auth.failed",
            "alice",
            new JsonObject().put("reason", "bad password"))
        .put("source", source)
        .put("time", time.toString());
  }

  @Test
  @DisplayName(
      "a shopper's event pushes a recommendation caused by it, HTTP reflects what shoppers just did, and a cold shopper still gets a list")
  void recommendations() {
    String run = UUID.randomUUID().toString().substring(0, 8);
    String a = "item-a-" + run;
    String b = "item-b-" + run;
    Instant start = Instant.parse("2026-03-01T10:00:00Z");
    List<JsonObject> events = new ArrayList<>();
    for (int u = 0; u < 20; u++) {
      String user = "shopper-" + run + "-" + u;
      events.add(Events.shop(user + "-1", "shop.view", user, a, start.plusSeconds(u * 10L)));
      events.add(Events.shop(user + "-2", "shop.view", user, b, start.plusSeconds(u * 10L + 5)));
    }
    String newcomer = "newcomer-" + run;
    events.add(Events.shop(newcomer + "-1", "shop.view", newcomer, a, start.plusSeconds(300)));
    try (WsTestClient client = WsTestClient.connect(clientVertx(), gatewayPort())) {
      client.request(
          subscribe(
              "recs",
              new JsonObject()
                  .put("type", new JsonArray().add("reflex.recommendation"))
                  .put("subject", new JsonArray().add(newcomer))));
      client.request(publish("shop", events.toArray(JsonObject[]::new)));
      JsonObject pushed = client.awaitEvent("recs", e -> true);
      assertThat(pushed.getString("causationid")).isEqualTo(newcomer + "-1");
      assertThat(pushed.getJsonObject("data").getJsonArray("items")).isNotEmpty();
    }
    WebClient http = WebClient.create(clientVertx());
    try {
      JsonObject answer = null;
      for (int attempt = 0; attempt < 50; attempt++) {
        answer =
            http.get(gatewayPort(), "127.0.0.1", "/api/recommendations/" + newcomer + "?n=5")
                .send()
                .await()
                .bodyAsJsonObject();
        if (answer.getJsonArray("items").stream()
            .anyMatch(i -> b.equals(((JsonObject) i).getString("id")))) {
          break;
        }
        sleep(100);
      }
      assertThat(answer.getString("user")).isEqualTo(newcomer);
      assertThat(answer.getJsonArray("items").stream().map(i -> ((JsonObject) i).getString("id")))
          .contains(b);

      JsonObject cold =
          http.get(gatewayPort(), "127.0.0.1", "/api/recommendations/nobody-" + run)
              .send()
              .await()
              .bodyAsJsonObject();
      assertThat(cold.getJsonArray("items")).isNotEmpty();
      assertThat(
              http.get(gatewayPort(), "127.0.0.1", "/api/recommendations/x?n=0")
                  .send()
                  .await()
                  .statusCode())
          .isEqualTo(400);
    } finally {
      http.close();
    }
  }

  @Test
  @DisplayName(
      "a derived event reaches its subscriber while the point's score, which nobody subscribed to, is passed over unread")
  void unwantedOutputsPassedOver() {
    String series = "temperature/unread-" + UUID.randomUUID();
    try (WsTestClient client = WsTestClient.connect(clientVertx(), gatewayPort())) {
      JsonObject hot =
          new JsonObject()
              .put("subject", new JsonArray().add(series))
              .put("type", new JsonArray().add("iot.overheating"));
      assertThat(client.request(subscribe("hot", hot)).getString("op")).isEqualTo("subscribed");
      double before = unreadOutputs();
      client.send(publish("p-hot", Events.metric(series + "-1", series, 97, Instant.now())));
      assertThat(client.awaitEvent("hot", e -> series.equals(e.getString("subject")))).isNotNull();
      double after = before;
      for (int attempt = 0; attempt < 50 && after <= before; attempt++) {
        sleep(100);
        after = unreadOutputs();
      }
      assertThat(after).as("the score was counted, unread").isGreaterThan(before);
      assertThat(client.framesSoFar())
          .noneMatch(
              f ->
                  "event".equals(f.getString("op"))
                      && "reflex.anomaly.scored"
                          .equals(f.getJsonObject("event").getString("type")));
    }
  }

  private static double unreadOutputs() {
    WebClient http = WebClient.create(clientVertx());
    try {
      String metrics =
          http.get(gatewayPort(), "127.0.0.1", "/metrics").send().await().bodyAsString();
      return PrometheusText.sum(metrics, "reflex_gateway_outputs_unread_total");
    } finally {
      http.close();
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
