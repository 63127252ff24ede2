package io.reflex.standalone;

import io.reflex.common.launch.Mesh;
import io.reflex.common.launch.MeshLauncher;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** The whole mesh in this JVM with its gateway on a given loopback port: how mesh suites begin. */
final class TestMeshes {

  private TestMeshes() {}

  /**
   * @param settings configuration layered over the defaults; the gateway's {@code http} section is
   *     replaced by the port
   */
  static Mesh standalone(int port, JsonObject settings) {
    JsonObject config = settings.copy();
    JsonObject gateway = config.getJsonObject("gateway", new JsonObject());
    config.put("gateway", gateway.put("http", new JsonObject().put("port", port)));
    return MeshLauncher.start(new MeshLauncher.Options(false, List.of(), null, config)).await();
  }
}
