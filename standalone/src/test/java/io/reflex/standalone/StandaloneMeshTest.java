package io.reflex.standalone;

import io.reflex.common.launch.Mesh;
import io.reflex.common.launch.MeshLauncher;
import io.reflex.common.testing.FreePort;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
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
    mesh =
        MeshLauncher.start(
                new MeshLauncher.Options(
                    false,
                    List.of(),
                    null,
                    new JsonObject()
                        .put(
                            "gateway",
                            new JsonObject().put("http", new JsonObject().put("port", port)))))
            .await();
    clients = injected;
  }

  @AfterAll
  static void stop() {
    mesh.close().await();
  }
}
