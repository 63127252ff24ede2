package io.reflex.standalone;

import io.reflex.common.launch.Mesh;
import io.reflex.common.launch.MeshLauncher;
import io.reflex.common.testing.FreePort;
import io.reflex.common.testing.LoopbackMembers;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The same scenarios with gateway, ingestion + router, and anomaly + recommender on three
 * Hazelcast-clustered Vert.x nodes (TCP/IP discovery on 127.0.0.1, multicast off): any message body
 * that only works inside one JVM fails here.
 */
@ExtendWith(VertxExtension.class)
class ClusteredMeshTest extends MeshScenarios {

  private static final List<Mesh> nodes = new java.util.ArrayList<>();

  @BeforeAll
  static void start(Vertx injected) throws Exception {
    port = FreePort.find();
    int[] hazelcastPorts = {FreePort.find(), FreePort.find(), FreePort.find()};
    String clusterName = "reflex-test-" + System.nanoTime();
    List<List<String>> placement =
        List.of(
            List.of("anomaly", "recommender"), List.of("ingestion", "router"), List.of("gateway"));
    for (int i = 0; i < placement.size(); i++) {
      JsonObject overrides =
          new JsonObject()
              .put("cluster", LoopbackMembers.member(clusterName, hazelcastPorts, i))
              .put("ops", new JsonObject().put("port", FreePort.find()))
              .put("gateway", new JsonObject().put("http", new JsonObject().put("port", port)));
      nodes.add(
          MeshLauncher.start(new MeshLauncher.Options(true, placement.get(i), null, overrides))
              .await(90, TimeUnit.SECONDS));
    }
    clients = injected;
  }

  @AfterAll
  static void stop() {
    Future.all(nodes.stream().map(Mesh::close).toList()).await();
  }
}
