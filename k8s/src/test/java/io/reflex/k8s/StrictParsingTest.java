package io.reflex.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class StrictParsingTest {

  @Test
  @DisplayName(
      "every Kubernetes resource of the base and the overlays parses with no unknown field")
  void everyResourceIsKnownToTheModel() {
    for (String directory : RenderedManifests.DIRECTORIES) {
      RenderedManifests rendered = RenderedManifests.of(directory);
      assertThat(rendered.resources())
          .as(directory)
          .hasSize(RenderedManifests.documents(rendered.yaml()).size());
      for (HasMetadata resource : rendered.resources()) {
        if (resource instanceof GenericKubernetesResource custom) {
          // Custom resources (KEDA's ScaledObject) have no typed model here: KedaOverlayTest checks
          // them.
          assertThat(custom.getApiVersion())
              .as("%s: %s", directory, custom.getKind())
              .isEqualTo("keda.sh/v1alpha1");
          continue;
        }
        assertThat(UnknownFields.in(resource))
            .as("%s: %s %s", directory, resource.getKind(), resource.getMetadata().getName())
            .isEmpty();
      }
    }
  }

  @Test
  @DisplayName(
      "a misspelt field deep in a Deployment is reported with its path, and a wrong type fails the parse")
  void typosAreCaught() {
    String deployment =
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: typo
        spec:
          replicaz: 2
          selector:
            matchLabels: {app: typo}
          template:
            metadata:
              labels: {app: typo}
            spec:
              containers:
              - name: c
                image: i
                imagePullPolicyy: Always
        """;
    assertThat(UnknownFields.in(RenderedManifests.parse(deployment)))
        .containsExactlyInAnyOrder(
            "spec.replicaz", "spec.template.spec.containers[0].imagePullPolicyy");

    String wrongType = deployment.replace("replicaz: 2", "replicas: two");
    assertThatThrownBy(() -> RenderedManifests.parse(wrongType)).hasMessageContaining("two");
  }
}
