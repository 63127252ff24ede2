package io.reflex.standalone;

import io.reflex.common.launch.Mesh;
import io.reflex.common.launch.MeshLauncher;
import io.reflex.common.testing.FreePort;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.util.List;

/** The whole mesh in one JVM, as {@code reflex standalone} runs it. */
class StandaloneMeshTest extends MeshScenarios {

  private static Mesh mesh;

  @BeforeAll
  static void start() {
    port = FreePort.find();
    mesh = MeshLauncher.start(new MeshLauncher.Options(false, List.of(), null, new JsonObject()
        .put("gateway", new JsonObject().put("http", new JsonObject().put("port", port))))).await();
    clients = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    clients.close().await();
    mesh.close().await();
  }
}
