package io.reflex.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.reflex.common.config.ConfigLoader;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The KEDA overlay: durable mode, the routers scaled on the event log's consumer lag, ingestion by
 * KEDA too, and the brokers reachable. Its ScaledObjects name what the code uses: the routers'
 * consumer group and the log's topic.
 */
class KedaOverlayTest {

  private static RenderedManifests keda() {
    return RenderedManifests.of("overlays/keda");
  }

  @Test
  @DisplayName(
      "the routers scale on the lag of their consumer group on the event log, at most one per partition")
  void routersScaleOnLag() {
    Map<String, String> cluster = keda().configMap("reflex-cluster").getData();
    JsonObject config = ConfigLoader.load(null, cluster);
    assertThat(config.getBoolean("durable")).isTrue();
    JsonObject kafka = config.getJsonObject("kafka");

    Map<?, ?> router = spec("reflex-router");
    Map<?, ?> lag = trigger(router, "kafka");
    assertThat(lag.get("consumerGroup"))
        .isEqualTo(config.getJsonObject("router").getJsonObject("log").getString("group"));
    assertThat(lag.get("topic")).isEqualTo(kafka.getString("eventsTopic"));
    assertThat(lag.get("bootstrapServers")).isEqualTo(kafka.getString("bootstrapServers"));
    assertThat((Integer) router.get("maxReplicaCount"))
        .as("routers beyond the partitions would idle")
        .isLessThanOrEqualTo(kafka.getInteger("partitions"));
    assertThat(trigger(spec("reflex-ingestion"), "cpu")).isNotNull();
  }

  @Test
  @DisplayName("ingestion and the routers, and only they, may reach the brokers")
  void brokersReachable() {
    NetworkPolicy kafka = keda().named(NetworkPolicy.class, "reflex-kafka");
    assertThat(kafka.getSpec().getEgress().get(0).getPorts().get(0).getPort().getIntVal())
        .isEqualTo(9092);
    List<String> selected =
        keda().deployments().stream()
            .filter(
                d ->
                    WiringTest.selects(
                        kafka.getSpec().getPodSelector(),
                        d.getSpec().getTemplate().getMetadata().getLabels()))
            .map(Deployment::getMetadata)
            .map(meta -> meta.getName())
            .toList();
    assertThat(selected).containsExactlyInAnyOrder("reflex-ingestion", "reflex-router");
  }

  private static Map<?, ?> spec(String name) {
    GenericKubernetesResource scaled =
        keda().scaledObjects().stream()
            .filter(r -> r.getMetadata().getName().equals(name))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no ScaledObject " + name));
    Map<?, ?> spec = (Map<?, ?>) scaled.getAdditionalProperties().get("spec");
    assertThat(((Map<?, ?>) spec.get("scaleTargetRef")).get("name")).isEqualTo(name);
    return spec;
  }

  private static Map<?, ?> trigger(Map<?, ?> spec, String type) {
    for (Object trigger : (List<?>) spec.get("triggers")) {
      if (type.equals(((Map<?, ?>) trigger).get("type"))) {
        return (Map<?, ?>) ((Map<?, ?>) trigger).get("metadata");
      }
    }
    throw new AssertionError("no " + type + " trigger in " + spec);
  }
}
