package io.reflex.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reflex.common.launch.Mesh;
import io.reflex.common.testing.CuttableProxy;
import io.reflex.common.testing.Events;
import io.reflex.common.testing.FreePort;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The client against a real standalone mesh on loopback. */
@ExtendWith(VertxExtension.class)
class ReflexClientTest {

  private static Mesh mesh;
  private static Vertx vertx;
  private static int port;

  @BeforeAll
  static void start(Vertx injected) {
    port = FreePort.find();
    mesh =
        LocalMesh.start(
            List.of("ingestion", "router", "anomaly", "gateway"), port, new JsonObject());
    vertx = injected;
  }

  @AfterAll
  static void stop() {
    mesh.close().await();
  }

  @Test
  @DisplayName(
      "each published event gets its own verdict: accepted, duplicate, or rejected with the reason")
  void verdictPerEvent() {
    ReflexClient client = ReflexClient.connect(vertx, ClientOptions.local(port)).await();
    try {
      Instant now = Instant.now();
      Future<PublishResult> first = client.publish(Events.metric("v-1", "temperature/a", 20, now));
      Future<PublishResult> repeat = client.publish(Events.metric("v-1", "temperature/a", 20, now));
      Future<PublishResult> broken =
          client.publish(new JsonObject().put("specversion", "1.0").put("id", "v-2"));

      assertThat(first.await().status()).isEqualTo(PublishResult.Status.ACCEPTED);
      assertThat(repeat.await().status()).isEqualTo(PublishResult.Status.DUPLICATE);
      assertThat(repeat.await().delivered()).isTrue();
      PublishResult rejected = broken.await();
      assertThat(rejected.status()).isEqualTo(PublishResult.Status.REJECTED);
      assertThat(rejected.errorCode()).isEqualTo("missing_attribute");
      assertThat(rejected.id()).isEqualTo("v-2");
    } finally {
      client.close().await();
    }
  }

  @Test
  @DisplayName(
      "thousands of events are batched into publish frames with a bounded number unacknowledged")
  void manyEventsBatched() {
    ReflexClient client =
        ReflexClient.connect(vertx, ClientOptions.local(port).withBatching(100, 500)).await();
    try {
      List<Future<PublishResult>> verdicts = new ArrayList<>();
      for (int i = 0; i < 2_000; i++) {
        if (i % 100 == 0) {
          client.capacity().await();
        }
        verdicts.add(
            client.publish(Events.metric("bulk-" + i, "temperature/bulk", i % 30, Instant.now())));
      }
      Future.all(verdicts).await(30, TimeUnit.SECONDS);
      assertThat(verdicts)
          .allSatisfy(
              v -> assertThat(v.result().status()).isEqualTo(PublishResult.Status.ACCEPTED));
    } catch (Exception e) {
      throw new AssertionError(e);
    } finally {
      client.close().await();
    }
  }

  @Test
  @DisplayName("a cut connection is re-established and every unacknowledged event is sent again")
  void reconnectResends() throws Exception {
    CuttableProxy proxy = new CuttableProxy(vertx, port);
    ReflexClient client =
        ReflexClient.connect(vertx, ClientOptions.local(proxy.port()).withBatching(50, 200))
            .await();
    try {
      List<Future<PublishResult>> verdicts = new ArrayList<>();
      for (int i = 0; i < 3_000; i++) {
        verdicts.add(
            client.publish(Events.metric("cut-" + i, "temperature/cut", 25, Instant.now())));
      }
      verdicts.get(0).await();
      proxy.cutAll();

      Future.all(verdicts).await(60, TimeUnit.SECONDS);
      assertThat(proxy.connectionsSoFar()).isGreaterThanOrEqualTo(2);
      assertThat(verdicts).allSatisfy(v -> assertThat(v.result().delivered()).isTrue());
      assertThat(verdicts.get(verdicts.size() - 1).result().status())
          .isEqualTo(PublishResult.Status.ACCEPTED);
    } finally {
      client.close().await();
    }
  }

  @Test
  @DisplayName(
      "a subscription receives the derived events its pattern matches, and survives a reconnect")
  void subscriptionDelivers() throws Exception {
    CuttableProxy proxy = new CuttableProxy(vertx, port);
    ReflexClient client = ReflexClient.connect(vertx, ClientOptions.local(proxy.port())).await();
    try {
      LinkedBlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
      client
          .subscribe(
              new JsonObject().put("type", new JsonArray().add("iot.overheating")), received::add)
          .await();

      client.publish(Events.metric("hot-1", "temperature/oven", 95, Instant.now())).await();
      JsonObject derived = received.poll(10, TimeUnit.SECONDS);
      assertThat(derived).isNotNull();
      assertThat(derived.getString("subject")).isEqualTo("temperature/oven");
      assertThat(derived.getString("causationid")).isEqualTo("hot-1");

      proxy.cutAll();
      // Publishing after the cut goes out once the client is back, with the subscription renewed
      // first.
      client
          .publish(Events.metric("hot-2", "temperature/oven", 97, Instant.now()))
          .await(30, TimeUnit.SECONDS);
      JsonObject afterReconnect = received.poll(10, TimeUnit.SECONDS);
      assertThat(afterReconnect).isNotNull();
      assertThat(afterReconnect.getString("causationid")).isEqualTo("hot-2");
    } finally {
      client.close().await();
    }
  }

  @Test
  @DisplayName("a pattern the gateway refuses fails the subscribe with the gateway's error code")
  void invalidPattern() {
    ReflexClient client = ReflexClient.connect(vertx, ClientOptions.local(port)).await();
    try {
      assertThatThrownBy(() -> client.subscribe(new JsonObject(), event -> {}).await())
          .hasMessageContaining("invalid_pattern");
    } finally {
      client.close().await();
    }
  }

  @Test
  @DisplayName("connecting to a port where no gateway listens fails instead of retrying forever")
  void noGateway() {
    assertThatThrownBy(
            () -> ReflexClient.connect(vertx, ClientOptions.local(FreePort.find())).await())
        .isNotNull();
  }
}
