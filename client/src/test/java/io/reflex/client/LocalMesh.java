package io.reflex.client;

import io.reflex.common.launch.Mesh;
import io.reflex.common.launch.MeshLauncher;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The services the client talks to, in the test JVM, with the gateway on a chosen loopback port.
 */
final class LocalMesh {

  private LocalMesh() {}

  /**
   * @param gateway settings layered over the defaults of {@code gateway} (the port is set here)
   */
  static Mesh start(List<String> services, int port, JsonObject gateway) {
    JsonObject settings = gateway.copy().put("http", new JsonObject().put("port", port));
    return MeshLauncher.start(
            new MeshLauncher.Options(
                false, services, null, new JsonObject().put("gateway", settings)))
        .await();
  }
}
