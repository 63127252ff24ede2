package io.reflex.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rendered overlays go into fabric8's in-JVM API server (CRUD mode). It stores what it is given
 * (no defaulting, admission or scheduling): this proves the manifests load and every object is
 * addressable where the others expect it.
 */
@EnableKubernetesMockClient(crud = true)
class MockApiServerTest {

  KubernetesClient client;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"overlays/dev", "overlays/prod"})
  @DisplayName(
      "an overlay applies object by object, and reads back with its replicas and autoscaling ranges")
  void overlayApplies(String directory) {
    RenderedManifests rendered = RenderedManifests.of(directory);
    for (HasMetadata resource : rendered.resources()) {
      client.resource(resource).create();
    }
    assertThat(client.namespaces().withName("reflex").get()).isNotNull();
    assertThat(client.configMaps().inNamespace("reflex").list().getItems()).hasSize(3);
    assertThat(client.secrets().inNamespace("reflex").withName("reflex-credentials").get())
        .isNotNull();
    assertThat(client.network().v1().networkPolicies().inNamespace("reflex").list().getItems())
        .hasSize(4);
    assertThat(client.policy().v1().podDisruptionBudget().inNamespace("reflex").list().getItems())
        .hasSize(5);
    assertThat(client.services().inNamespace("reflex").list().getItems()).hasSize(6);
    for (Deployment expected : rendered.deployments()) {
      String name = expected.getMetadata().getName();
      Deployment stored = client.apps().deployments().inNamespace("reflex").withName(name).get();
      assertThat(stored.getSpec().getReplicas())
          .as(name)
          .isEqualTo(expected.getSpec().getReplicas());
      HorizontalPodAutoscaler autoscaler =
          client
              .autoscaling()
              .v2()
              .horizontalPodAutoscalers()
              .inNamespace("reflex")
              .withName(name)
              .get();
      assertThat(autoscaler.getSpec().getMinReplicas())
          .as(name)
          .isEqualTo(stored.getSpec().getReplicas());
      assertThat(autoscaler.getSpec().getMaxReplicas())
          .isGreaterThanOrEqualTo(autoscaler.getSpec().getMinReplicas());
    }
    assertThat(
            client
                .apps()
                .deployments()
                .inNamespace("reflex")
                .withLabel("app.kubernetes.io/part-of", "reflex")
                .list()
                .getItems())
        .hasSize(5);
  }
}
