package io.reflex.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.reflex.common.bus.Addresses;
import io.reflex.common.bus.Codecs;
import io.reflex.common.event.CloudEvent;
import io.reflex.common.event.EventBatch;
import io.reflex.common.testing.Events;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class DeliveryTest {

  @Test
  @DisplayName(
      "a shopping event reaches every recommender replica; a metric point reaches one anomaly replica")
  void recommenderReplicasAllLearnAnomalyReplicasShare(Vertx vertx) throws Exception {
    Codecs.register(vertx);
    List<String> received = new CopyOnWriteArrayList<>();
    for (String replica : List.of("a", "b")) {
      vertx
          .eventBus()
          .<EventBatch>consumer(
              Addresses.RECOMMENDER_LEARN,
              m ->
                  m.body()
                      .events()
                      .forEach(e -> received.add("recommender-" + replica + ":" + e.id())));
      vertx
          .eventBus()
          .<EventBatch>consumer(
              Addresses.ANOMALY_SCORE,
              m ->
                  m.body()
                      .events()
                      .forEach(e -> received.add("anomaly-" + replica + ":" + e.id())));
    }
    vertx.deployVerticle(new RouterVerticle()).await(30, TimeUnit.SECONDS);

    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    vertx
        .eventBus()
        .send(
            Addresses.ROUTER_ROUTE,
            new EventBatch(
                List.of(
                    CloudEvent.wrap(Events.shop("view-1", "shop.view", "ann", "tea", now)),
                    CloudEvent.wrap(Events.metric("point-1", "host/cpu", 42, now)))));

    await().atMost(Duration.ofSeconds(10)).until(() -> received.size() >= 3);
    // The marker: a duplicate of the first point would have been queued before this second one is
    // even routed.
    vertx
        .eventBus()
        .send(
            Addresses.ROUTER_ROUTE,
            EventBatch.of(
                CloudEvent.wrap(Events.metric("point-2", "host/cpu", 43, now.plusSeconds(60)))));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> received.contains("anomaly-a:point-2") || received.contains("anomaly-b:point-2"));
    assertThat(received).contains("recommender-a:view-1", "recommender-b:view-1");
    assertThat(received).filteredOn(r -> r.endsWith(":point-1")).hasSize(1);
  }
}
