package io.reflex.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.reflex.common.testing.WsTestClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The gateway-wide bound on published events awaiting their ack: connections past it stop reading
 * and must all be read again once the mesh catches up, so nothing stalls and nothing is refused.
 */
@ExtendWith(VertxExtension.class)
class PublishBudgetTest {

  private static final int PUBLISHERS = 3;
  private static final int FRAMES = 20;
  private static final int EVENTS_PER_FRAME = 10;

  @Test
  @DisplayName(
      "past the budget of events in flight publishers pause and resume: every publish is answered,"
          + " every event accepted")
  void publishersPauseAndResume(Vertx clients) {
    JsonObject gatewaySettings =
        new JsonObject().put("ws", new JsonObject().put("maxEventsInFlight", EVENTS_PER_FRAME / 2));
    try (LocalGateway gateway = LocalGateway.start(clients, gatewaySettings)) {
      List<WsTestClient> publishers = new ArrayList<>();
      for (int p = 0; p < PUBLISHERS; p++) {
        publishers.add(WsTestClient.connect(clients, gateway.port()));
      }
      // Every frame goes out at once: each connection's first publish spends the budget.
      for (WsTestClient publisher : publishers) {
        for (int f = 0; f < FRAMES; f++) {
          JsonArray events = new JsonArray();
          for (int e = 0; e < EVENTS_PER_FRAME; e++) {
            events.add(LocalGateway.newEvent());
          }
          publisher.send(
              new JsonObject().put("op", "publish").put("ref", "f" + f).put("events", events));
        }
      }
      for (WsTestClient publisher : publishers) {
        publisher.await(frame -> acks(publisher) == FRAMES, 30_000);
        List<String> statuses = new ArrayList<>();
        for (JsonObject frame : publisher.framesSoFar()) {
          if ("ack".equals(frame.getString("op"))) {
            frame
                .getJsonArray("results")
                .forEach(r -> statuses.add(((JsonObject) r).getString("status")));
          }
        }
        assertThat(statuses).hasSize(FRAMES * EVENTS_PER_FRAME).containsOnly("accepted");
        publisher.close();
      }
    }
  }

  private static long acks(WsTestClient publisher) {
    return publisher.framesSoFar().stream().filter(f -> "ack".equals(f.getString("op"))).count();
  }
}
