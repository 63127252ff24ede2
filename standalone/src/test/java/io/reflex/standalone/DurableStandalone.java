package io.reflex.standalone;

import io.reflex.common.launch.Mesh;
import io.reflex.common.launch.MeshLauncher;
import io.reflex.common.testing.FreePort;
import io.reflex.common.testing.KafkaBroker;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;

/**
 * A real KRaft broker and the whole mesh in this JVM in durable mode against it, on fresh topics
 * and a free port.
 */
final class DurableStandalone implements AutoCloseable {

  private final KafkaBroker broker;
  private final Mesh mesh;
  private final int port;

  private DurableStandalone(KafkaBroker broker, Mesh mesh, int port) {
    this.broker = broker;
    this.mesh = mesh;
    this.port = port;
  }

  /**
   * @param kafka more of the {@code kafka} section (e.g. the output log's topic)
   */
  static DurableStandalone start(String name, JsonObject kafka) throws Exception {
    KafkaBroker broker =
        KafkaBroker.start(Path.of("target", "kafka", name + "-" + System.nanoTime()));
    int port = FreePort.find();
    Mesh mesh =
        MeshLauncher.start(
                new MeshLauncher.Options(
                    false,
                    List.of(),
                    null,
                    new JsonObject()
                        .put("durable", true)
                        .put(
                            "kafka",
                            kafka
                                .copy()
                                .put("bootstrapServers", broker.bootstrapServers())
                                .put("eventsTopic", "reflex.events." + System.nanoTime()))
                        .put(
                            "gateway",
                            new JsonObject().put("http", new JsonObject().put("port", port)))))
            .await();
    return new DurableStandalone(broker, mesh, port);
  }

  KafkaBroker broker() {
    return broker;
  }

  int port() {
    return port;
  }

  @Override
  public void close() throws Exception {
    mesh.close().await();
    broker.close();
  }
}
