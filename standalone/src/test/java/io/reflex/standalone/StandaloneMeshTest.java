package io.reflex.standalone;

import io.reflex.common.launch.Mesh;
import io.reflex.common.testing.FreePort;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/** The whole mesh in one JVM, as {@code reflex standalone} runs it. */
@ExtendWith(VertxExtension.class)
class StandaloneMeshTest extends MeshScenarios {

  private static Mesh mesh;

  @BeforeAll
  static void start(Vertx injected) {
    port = FreePort.find();
    mesh = TestMeshes.standalone(port, new JsonObject());
    clients = injected;
  }

  @AfterAll
  static void stop() {
    mesh.close().await();
  }
}
