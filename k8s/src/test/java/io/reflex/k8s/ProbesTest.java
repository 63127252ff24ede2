package io.reflex.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.reflex.common.launch.Mesh;
import io.reflex.common.launch.MeshLauncher;
import io.reflex.common.testing.FreePort;
import io.reflex.common.testing.LoopbackMembers;
import io.reflex.common.testing.WsTestClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The probes the Deployments declare, asked of real clustered services: a gateway node (probes on
 * its HTTP port) and an ingestion + router + anomaly node (probes on the ops port every process
 * without a gateway serves; the gateway is ready only once ingestion answers). The anomaly service
 * makes that node a Hazelcast data member, started first: a cluster of lite members alone has
 * nowhere to keep its maps. Which numbers those ports get from the manifests' configuration is
 * {@link WiringTest}'s business; here they are free ports on loopback.
 */
@ExtendWith(VertxExtension.class)
class ProbesTest {

  private static Mesh gateway;
  private static Mesh router;
  private static int httpPort;
  private static int opsPort;
  private static Vertx clients;

  @BeforeAll
  static void start(Vertx injected) throws Exception {
    httpPort = FreePort.find();
    opsPort = FreePort.find();
    int[] hazelcast = {FreePort.find(), FreePort.find()};
    String name = "reflex-probes-" + System.nanoTime();
    router = node(List.of("ingestion", "router", "anomaly"), name, hazelcast, 1);
    gateway = node(List.of("gateway"), name, hazelcast, 0);
    clients = injected;
  }

  private static Mesh node(List<String> services, String name, int[] hazelcast, int slot)
      throws Exception {
    JsonObject overrides =
        new JsonObject()
            .put("cluster", LoopbackMembers.member(name, hazelcast, slot))
            .put("ops", new JsonObject().put("port", opsPort))
            .put("gateway", new JsonObject().put("http", new JsonObject().put("port", httpPort)));
    return MeshLauncher.start(new MeshLauncher.Options(true, services, null, overrides))
        .await(90, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() {
    Future.all(gateway.close(), router.close()).await();
  }

  @Test
  @DisplayName(
      "every startup, readiness and liveness probe path answers 200 on the port it names, once the member has joined")
  void probesAnswer() throws Exception {
    WebClient http = WebClient.create(clients);
    Map<String, Integer> ports = Map.of("http", httpPort, "ops", opsPort);
    for (Deployment deployment : RenderedManifests.of("base").deployments()) {
      Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
      for (Probe probe :
          List.of(
              container.getStartupProbe(),
              container.getReadinessProbe(),
              container.getLivenessProbe())) {
        String portName = probe.getHttpGet().getPort().getStrVal();
        assertThat(ports).as("%s probes a named port", container.getName()).containsKey(portName);
        assertThat(container.getPorts()).anyMatch(p -> p.getName().equals(portName));
        assertThat(awaitStatus(http, ports.get(portName), probe.getHttpGet().getPath()))
            .as("%s GET %s on %s", container.getName(), probe.getHttpGet().getPath(), portName)
            .isEqualTo(200);
      }
    }
  }

  @Test
  @DisplayName("the gateway's HTTP port, the one its Service exposes, upgrades /ws to a WebSocket")
  void webSocketOnTheGatewayPort() {
    try (WsTestClient client = WsTestClient.connect(clients, httpPort)) {
      JsonObject answer =
          client.request(
              new JsonObject().put("op", "unsubscribe").put("ref", "r").put("sub", "none"));
      assertThat(answer.getJsonObject("error").getString("code")).isEqualTo("unknown_subscription");
    }
  }

  /**
   * Readiness is 503 until Hazelcast reports the cluster safe after the join; the kubelet retries,
   * so does this.
   */
  private static int awaitStatus(WebClient http, int port, String path)
      throws InterruptedException {
    int status = 0;
    for (int attempt = 0; attempt < 60 && status != 200; attempt++) {
      if (attempt > 0) {
        Thread.sleep(500);
      }
      status = http.get(port, "127.0.0.1", path).send().await().statusCode();
    }
    return status;
  }
}
