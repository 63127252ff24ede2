package io.reflex.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.reflex.common.testing.Events;
import io.reflex.common.testing.KafkaBroker;
import io.reflex.common.testing.WsTestClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole mesh in one JVM in durable mode, against a real KRaft broker: every end-to-end scenario
 * of the fast mode holds when events are acknowledged only once they are in the event log and the
 * router reads them from there.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
@ExtendWith(VertxExtension.class)
class DurableMeshTest extends MeshScenarios {

  private static DurableStandalone durable;
  private static KafkaBroker broker;

  @BeforeAll
  static void start(Vertx injected) throws Exception {
    durable = DurableStandalone.start("durable-mesh", new JsonObject());
    broker = durable.broker();
    port = durable.port();
    clients = injected;
  }

  @AfterAll
  static void stop() throws Exception {
    durable.close();
  }

  @Test
  @DisplayName(
      "while the broker is away events are rejected as unavailable, never acknowledged; when it is back, "
          + "a resend is accepted and processed")
  void brokerAwayIsVisible() throws Exception {
    try (WsTestClient client = WsTestClient.connect(clientVertx(), gatewayPort())) {
      String series = "temperature/away-" + UUID.randomUUID();
      client.request(
          new JsonObject()
              .put("op", "subscribe")
              .put("ref", "s")
              .put("sub", "scored")
              .put(
                  "pattern",
                  new JsonObject()
                      .put("type", new JsonArray().add("reflex.anomaly.scored"))
                      .put("subject", new JsonArray().add(series))));
      Instant start = Instant.parse("2026-04-01T00:00:00Z");
      assertThat(
              status(
                  client.request(
                      publish("before", Events.metric(series + "-0", series, 20, start)))))
          .isEqualTo("accepted");
      client.awaitEvent("scored", e -> e.getString("causationid").equals(series + "-0"));

      broker.stop();
      JsonObject during = Events.metric(series + "-1", series, 21, start.plusSeconds(60));
      JsonObject refused;
      try {
        refused =
            client.request(publish("during", during)).getJsonArray("results").getJsonObject(0);
      } finally {
        broker.restart();
      }
      assertThat(refused.getString("status")).isEqualTo("rejected");
      assertThat(refused.getJsonObject("error").getString("code"))
          .isIn("unavailable", "overloaded");

      String after = null;
      for (int attempt = 0; attempt < 30 && !"accepted".equals(after); attempt++) {
        after = status(client.request(publish("after-" + attempt, during)));
        if (!"accepted".equals(after)) {
          Thread.sleep(500);
        }
      }
      assertThat(after).as("the resend once the broker is back").isEqualTo("accepted");
      JsonObject scored =
          client.awaitEvent("scored", e -> e.getString("causationid").equals(series + "-1"));
      assertThat(scored.getJsonObject("data").getDouble("value")).isEqualTo(21.0);
    }
  }

  private static JsonObject publish(String ref, JsonObject... events) {
    return new JsonObject()
        .put("op", "publish")
        .put("ref", ref)
        .put("events", new JsonArray(List.of((Object[]) events)));
  }

  private static String status(JsonObject ack) {
    return ack.getJsonArray("results").getJsonObject(0).getString("status");
  }
}
