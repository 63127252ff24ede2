package io.reflex.k8s;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.reflex.common.testing.ExternalTool;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A Kustomize directory rendered by the kubectl on the PATH (else the kubectl 1.20 of
 * scripts/fetch-kubectl.sh, whose kustomize v2.0.3 is what the manifests are written for; a test is
 * skipped without either) and parsed into fabric8's typed model: a type error fails the parse, a
 * misspelt field is left for {@link UnknownFields}.
 */
record RenderedManifests(String directory, String yaml, List<HasMetadata> resources) {

  static final Path K8S = Path.of(System.getProperty("reflex.k8s.dir", "."));
  static final List<String> DIRECTORIES =
      List.of("base", "overlays/dev", "overlays/prod", "overlays/keda");

  /**
   * Each directory's YAML is rendered once per test JVM (kubectl takes a second or so each time)
   * and parsed afresh for each caller, which may change the objects.
   */
  private static final Map<String, String> RENDERED = new ConcurrentHashMap<>();

  static RenderedManifests of(String directory) {
    String yaml = RENDERED.computeIfAbsent(directory, d -> kustomize(K8S.resolve(d)));
    List<HasMetadata> resources = new ArrayList<>();
    for (String document : documents(yaml)) {
      resources.add(parse(document));
    }
    return new RenderedManifests(directory, yaml, resources);
  }

  static List<String> documents(String yaml) {
    return Arrays.stream(yaml.split("(?m)^---\\s*$")).filter(d -> !d.isBlank()).toList();
  }

  static HasMetadata parse(String document) {
    Object parsed =
        Serialization.unmarshal(
            new ByteArrayInputStream(document.getBytes(StandardCharsets.UTF_8)));
    if (!(parsed instanceof HasMetadata resource)) {
      throw new IllegalArgumentException("not a Kubernetes resource: " + document);
    }
    return resource;
  }

  <T extends HasMetadata> List<T> all(Class<T> kind) {
    return resources.stream().filter(kind::isInstance).map(kind::cast).toList();
  }

  <T extends HasMetadata> T named(Class<T> kind, String name) {
    return all(kind).stream()
        .filter(r -> r.getMetadata().getName().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(directory + ": no " + kind.getSimpleName() + " named " + name));
  }

  List<Deployment> deployments() {
    return all(Deployment.class);
  }

  /** KEDA ScaledObjects: a custom resource, outside fabric8's typed model. */
  List<GenericKubernetesResource> scaledObjects() {
    return all(GenericKubernetesResource.class).stream()
        .filter(r -> "ScaledObject".equals(r.getKind()))
        .toList();
  }

  /**
   * The Deployment a HorizontalPodAutoscaler or a ScaledObject of this rendering scales, for each
   * of them.
   */
  List<String> autoscaled() {
    List<String> targets = new ArrayList<>();
    all(HorizontalPodAutoscaler.class)
        .forEach(hpa -> targets.add(hpa.getSpec().getScaleTargetRef().getName()));
    scaledObjects()
        .forEach(
            scaled ->
                targets.add(
                    String.valueOf(
                        ((Map<?, ?>)
                                ((Map<?, ?>) scaled.getAdditionalProperties().get("spec"))
                                    .get("scaleTargetRef"))
                            .get("name"))));
    return targets;
  }

  ConfigMap configMap(String name) {
    return named(ConfigMap.class, name);
  }

  Secret secret(String name) {
    return named(Secret.class, name);
  }

  private static String kustomize(Path directory) {
    Path kubectl = ExternalTool.KUBECTL.require("the manifest tests (k8s module)");
    try {
      Path output = Files.createTempFile("kustomize", ".yaml");
      Process process =
          new ProcessBuilder(kubectl.toString(), "kustomize", directory.toString())
              .redirectOutput(output.toFile())
              .redirectErrorStream(false)
              .start();
      String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException("kubectl kustomize " + directory + " failed: " + errors);
      }
      String yaml = Files.readString(output);
      Files.delete(output);
      return yaml;
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + kubectl, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
