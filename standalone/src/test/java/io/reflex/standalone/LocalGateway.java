package io.reflex.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.reflex.common.launch.Mesh;
import io.reflex.common.testing.Events;
import io.reflex.common.testing.FreePort;
import io.reflex.common.testing.WsTestClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * The whole mesh in this JVM with chosen gateway settings on a free loopback port, and a separate
 * Vert.x for the test's clients (VertxExtension's): for the suites that attack the gateway while a
 * well-behaved client checks it is still served, and for replays that compare the service with the
 * offline tools.
 */
final class LocalGateway implements AutoCloseable {

  private final Mesh mesh;
  private final Vertx clients;
  private final int port;

  private LocalGateway(Mesh mesh, Vertx clients, int port) {
    this.mesh = mesh;
    this.clients = clients;
    this.port = port;
  }

  /**
   * @param gateway settings layered over the defaults of {@code gateway} (the port is chosen here)
   */
  static LocalGateway start(Vertx clients, JsonObject gateway) {
    int port = FreePort.find();
    Mesh mesh = TestMeshes.standalone(port, new JsonObject().put("gateway", gateway.copy()));
    return new LocalGateway(mesh, clients, port);
  }

  Vertx clients() {
    return clients;
  }

  int port() {
    return port;
  }

  /** A valid event never published before. */
  static JsonObject newEvent() {
    return Events.event("ok-" + UUID.randomUUID(), "test.ok", null, null);
  }

  /** A publish frame of one new, valid event. */
  static JsonObject publishOne(String ref) {
    return new JsonObject()
        .put("op", "publish")
        .put("ref", ref)
        .put("events", new JsonArray().add(newEvent()));
  }

  /** The client's connection is open and its next event is accepted. */
  static void assertServed(WsTestClient client) {
    assertThat(client.isClosed()).as("the well-behaved client's connection is open").isFalse();
    // A ref of its own: the client finds answers among the frames it already has.
    JsonObject ack = client.request(publishOne("served-" + UUID.randomUUID()));
    assertThat(ack.getJsonArray("results").getJsonObject(0).getString("status"))
        .isEqualTo("accepted");
  }

  @Override
  public void close() {
    mesh.close().await();
  }
}
