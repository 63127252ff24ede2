package io.reflex.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.reflex.common.launch.Mesh;
import io.reflex.common.testing.Events;
import io.reflex.common.testing.FreePort;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The client against a gateway whose rate limit is far below what it sends: it slows down, and
 * nothing fails.
 */
@ExtendWith(VertxExtension.class)
class RateLimitedClientTest {

  private static final int EVENTS = 3_000;

  private static Mesh mesh;
  private static Vertx vertx;
  private static int port;

  @BeforeAll
  static void start(Vertx injected) {
    port = FreePort.find();
    JsonObject limits =
        new JsonObject()
            .put("limitOpenLoopback", true)
            .put("connectionEventsPerSecond", 1_000)
            .put("connectionBurst", 500)
            .put("clientEventsPerSecond", 1_000)
            .put("clientBurst", 500);
    mesh =
        LocalMesh.start(
            List.of("ingestion", "router", "gateway"),
            port,
            new JsonObject().put("limits", limits));
    vertx = injected;
  }

  @AfterAll
  static void stop() {
    mesh.close().await();
  }

  @Test
  @DisplayName(
      "events refused as rate_limited are sent again after backing off, until every one is delivered")
  void backsOffAndResends() {
    ReflexClient client = ReflexClient.connect(vertx, ClientOptions.local(port)).await();
    AtomicLong refused = new AtomicLong();
    client.rateLimitedHandler(refused::addAndGet);
    try {
      List<Future<PublishResult>> verdicts = new ArrayList<>();
      for (int i = 0; i < EVENTS; i++) {
        if (i % 100 == 0) {
          client.capacity().await();
        }
        verdicts.add(
            client.publish(
                Events.metric("paced-" + i, "temperature/paced", i % 30, Instant.now())));
      }
      List<PublishResult> results = verdicts.stream().map(f -> f.await()).toList();
      assertThat(results).allSatisfy(r -> assertThat(r.delivered()).as(r.toString()).isTrue());
      assertThat(refused.get()).as("the gateway refused some events for their rate").isPositive();
    } finally {
      client.close().await();
    }
  }
}
