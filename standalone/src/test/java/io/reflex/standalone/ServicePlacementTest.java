package io.reflex.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoop;
import io.reflex.common.launch.Mesh;
import io.reflex.common.testing.FreePort;
import io.vertx.core.Context;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.internal.deployment.DeploymentContext;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Where the standalone mesh's services run: the gateway on an event loop of its own, the other
 * services spread over the rest. Left to Vert.x's round robin, the gateway, the router and the
 * anomaly service shared one of two loops and one core did nine tenths of the work.
 */
class ServicePlacementTest {

  @ParameterizedTest(name = "{0} event loops")
  @ValueSource(ints = {2, 3})
  @DisplayName("the gateway gets an event loop of its own; the other services share the rest")
  void gatewayRunsAlone(int eventLoops) {
    Mesh mesh =
        TestMeshes.standalone(
            FreePort.find(),
            new JsonObject().put("vertx", new JsonObject().put("eventLoops", eventLoops)));
    try {
      Map<String, EventLoop> loops = loopsByVerticle((VertxInternal) mesh.vertx());
      assertThat(loops)
          .containsOnlyKeys(
              "GatewayVerticle",
              "IngestionVerticle",
              "RouterVerticle",
              "AnomalyVerticle",
              "RecommenderVerticle");
      EventLoop gateway = loops.remove("GatewayVerticle");
      Set<EventLoop> others = new HashSet<>(loops.values());
      assertThat(others).doesNotContain(gateway).hasSize(eventLoops - 1);
    } finally {
      mesh.close().await();
    }
  }

  private static Map<String, EventLoop> loopsByVerticle(VertxInternal vertx) {
    Map<String, EventLoop> loops = new HashMap<>();
    for (DeploymentContext deployment : vertx.deploymentManager().deployments()) {
      String verticle =
          deployment.deployment().instances().iterator().next().getClass().getSimpleName();
      for (Context context : deployment.deployment().contexts()) {
        loops.put(verticle, ((ContextInternal) context).nettyEventLoop());
      }
    }
    return loops;
  }
}
