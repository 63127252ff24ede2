package io.reflex.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.reflex.common.testing.Events;
import io.reflex.common.testing.WsTestClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A local producer on an open loopback gateway is not cut off by the rate limits that protect an
 * exposed gateway (issue #19): the same tight limits refuse it once {@code limitOpenLoopback} asks
 * for them.
 */
@ExtendWith(VertxExtension.class)
class OpenLoopbackRatesTest {

  private static final int EVENTS = 200;
  private static final JsonObject TIGHT =
      new JsonObject()
          .put("connectionEventsPerSecond", 10)
          .put("connectionBurst", 10)
          .put("clientEventsPerSecond", 10)
          .put("clientBurst", 10);

  @Test
  @DisplayName("an open gateway on loopback accepts a burst far beyond the configured rates")
  void localBurstAccepted(Vertx clients) {
    try (LocalGateway gateway =
            LocalGateway.start(clients, new JsonObject().put("limits", TIGHT.copy()));
        WsTestClient producer = WsTestClient.connect(gateway.clients(), gateway.port())) {
      JsonArray results = producer.request(burst()).getJsonArray("results");
      assertThat(results).hasSize(EVENTS);
      assertThat(results.stream().map(r -> ((JsonObject) r).getString("status")))
          .containsOnly("accepted");
    }
  }

  @Test
  @DisplayName(
      "with limitOpenLoopback the same burst is answered rate_limited beyond the burst size")
  void limitsOnRequest(Vertx clients) {
    try (LocalGateway gateway =
            LocalGateway.start(
                clients,
                new JsonObject().put("limits", TIGHT.copy().put("limitOpenLoopback", true)));
        WsTestClient producer = WsTestClient.connect(gateway.clients(), gateway.port())) {
      JsonArray results = producer.request(burst()).getJsonArray("results");
      assertThat(
              results.stream()
                  .map(r -> ((JsonObject) r).getJsonObject("error"))
                  .filter(e -> e != null && "rate_limited".equals(e.getString("code"))))
          .hasSizeGreaterThan(EVENTS / 2);
    }
  }

  private static JsonObject burst() {
    JsonArray events = new JsonArray();
    for (int i = 0; i < EVENTS; i++) {
      events.add(Events.event("burst-" + UUID.randomUUID(), "test.burst", null, null));
    }
    return new JsonObject().put("op", "publish").put("ref", "burst").put("events", events);
  }
}
