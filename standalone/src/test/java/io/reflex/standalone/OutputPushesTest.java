package io.reflex.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.reflex.common.bus.Addresses;
import io.reflex.common.event.CloudEvent;
import io.reflex.common.event.EventBatch;
import io.reflex.common.launch.Mesh;
import io.reflex.common.testing.FreePort;
import io.reflex.common.testing.WsTestClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Fast mode: an output reaches each subscription that wants it once, however often it arrives; an
 * output nobody wanted when it arrived is not held against a later subscriber.
 */
class OutputPushesTest {

  private static Mesh mesh;
  private static Vertx clients;
  private static int port;

  @BeforeAll
  static void start() {
    port = FreePort.find();
    mesh = TestMeshes.standalone(port, new JsonObject());
    clients = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    clients.close().await();
    mesh.close().await();
  }

  @Test
  @DisplayName(
      "an output arriving twice is pushed once; one of a type nobody named is pushed to a later subscriber")
  void eachOutputOncePerSubscription() {
    CloudEvent wanted = output("w-1", "test.wanted");
    CloudEvent unwanted = output("u-1", "test.unwanted");
    try (WsTestClient client = WsTestClient.connect(clients, port)) {
      subscribe(client, "wanted", "test.wanted");
      push(unwanted);
      push(wanted);
      push(wanted);
      client.awaitEvent("wanted", e -> "w-1".equals(e.getString("id"))); // so u-1 came before
      subscribe(client, "late", "test.unwanted");
      push(unwanted);
      push(unwanted);
      push(output("w-end", "test.wanted"));
      client.awaitEvent("wanted", e -> "w-end".equals(e.getString("id")));

      assertThat(pushedIds(client, "wanted")).containsExactly("w-1", "w-end");
      assertThat(pushedIds(client, "late")).containsExactly("u-1");
    }
  }

  private static void subscribe(WsTestClient client, String sub, String type) {
    JsonObject reply =
        client.request(
            new JsonObject()
                .put("op", "subscribe")
                .put("ref", sub)
                .put("sub", sub)
                .put("pattern", new JsonObject().put("type", new JsonArray().add(type))));
    assertThat(reply.getString("op")).isEqualTo("subscribed");
  }

  /** As a service emits an output: to every gateway over the event bus, in order. */
  private static void push(CloudEvent output) {
    mesh.vertx().eventBus().publish(Addresses.GATEWAY_OUTPUT, EventBatch.of(output));
  }

  private static CloudEvent output(String id, String type) {
    return CloudEvent.builder()
        .id(id)
        .source("test://outputs")
        .type(type)
        .time(System.currentTimeMillis())
        .data(new JsonObject().put("n", 1))
        .build();
  }

  private static List<String> pushedIds(WsTestClient client, String sub) {
    return client.framesSoFar().stream()
        .filter(f -> "event".equals(f.getString("op")) && sub.equals(f.getString("sub")))
        .map(f -> f.getJsonObject("event").getString("id"))
        .toList();
  }
}
