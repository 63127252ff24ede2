package io.reflex.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.reflex.common.config.ConfigLoader;
import io.reflex.common.launch.MeshLauncher;
import io.reflex.common.launch.ReflexService;
import io.reflex.router.rules.RulesSource;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The rendered overlays hold together, and name only what the code and the image build actually
 * have.
 */
@ExtendWith(VertxExtension.class)
class WiringTest {

  private static Vertx vertx;

  @BeforeAll
  static void start(Vertx injected) {
    vertx = injected;
  }

  private static List<RenderedManifests> overlays() {
    return RenderedManifests.DIRECTORIES.stream().map(RenderedManifests::of).toList();
  }

  @Test
  @DisplayName(
      "every Deployment selects its own pods and has one autoscaler, and every Service, PDB and policy points at real pods")
  void selectorsMatch() {
    for (RenderedManifests rendered : overlays()) {
      List<Map<String, String>> podLabels =
          rendered.deployments().stream()
              .map(d -> d.getSpec().getTemplate().getMetadata().getLabels())
              .toList();
      for (Deployment deployment : rendered.deployments()) {
        assertThat(
                selects(
                    deployment.getSpec().getSelector(),
                    deployment.getSpec().getTemplate().getMetadata().getLabels()))
            .as("%s: %s selects its pods", rendered.directory(), deployment.getMetadata().getName())
            .isTrue();
        String name = deployment.getMetadata().getName();
        assertThat(rendered.autoscaled())
            .as(
                "%s: autoscalers of %s (an HPA or a KEDA ScaledObject, never both)",
                rendered.directory(), name)
            .containsOnlyOnce(name);
        assertThat(
                selects(
                    rendered.named(PodDisruptionBudget.class, name).getSpec().getSelector(),
                    deployment.getSpec().getTemplate().getMetadata().getLabels()))
            .isTrue();
      }
      for (Service service : rendered.all(Service.class)) {
        long selected =
            podLabels.stream()
                .filter(
                    labels ->
                        labels.entrySet().containsAll(service.getSpec().getSelector().entrySet()))
                .count();
        boolean headless = "None".equals(service.getSpec().getClusterIP());
        assertThat(selected)
            .as("%s: pods behind Service %s", rendered.directory(), service.getMetadata().getName())
            .isEqualTo(headless ? rendered.deployments().size() : 1);
        if (headless) {
          assertThat(service.getSpec().getPublishNotReadyAddresses()).isTrue();
        }
      }
      for (NetworkPolicy policy : rendered.all(NetworkPolicy.class)) {
        assertThat(
                podLabels.stream()
                    .filter(labels -> selects(policy.getSpec().getPodSelector(), labels)))
            .as(
                "%s: pods of NetworkPolicy %s",
                rendered.directory(), policy.getMetadata().getName())
            .isNotEmpty();
      }
    }
  }

  @Test
  @DisplayName(
      "every REFLEX_ variable the pods get names a configuration key, and the ports follow from that configuration")
  void environmentNamesRealKeys() throws Exception {
    for (RenderedManifests rendered : overlays()) {
      Path configFile = mountedFile(rendered, rendered.deployments().get(0), "--config");
      for (Deployment deployment : rendered.deployments()) {
        Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        // Fails when a variable names no key (ConfigLoader refuses those), or the mounted config
        // file is broken.
        JsonObject config =
            ConfigLoader.load(configFile.toString(), environment(rendered, container));
        Map<String, Integer> ports =
            container.getPorts().stream()
                .collect(Collectors.toMap(ContainerPort::getName, ContainerPort::getContainerPort));
        JsonObject cluster = config.getJsonObject("cluster");
        assertThat(ports)
            .containsEntry("hazelcast", cluster.getInteger("port"))
            .containsEntry("eventbus", cluster.getInteger("eventBusPort"));
        String headless =
            rendered.all(Service.class).stream()
                .filter(s -> "None".equals(s.getSpec().getClusterIP()))
                .findFirst()
                .orElseThrow()
                .getMetadata()
                .getName();
        assertThat(cluster.getString("kubernetesServiceDns"))
            .isEqualTo(
                headless + "." + deployment.getMetadata().getNamespace() + ".svc.cluster.local");
        if (container.getName().equals("gateway")) {
          assertThat(ports)
              .containsEntry(
                  "http", config.getJsonObject("gateway").getJsonObject("http").getInteger("port"));
          assertThat(config.getJsonObject("gateway").getJsonObject("http").getString("host"))
              .isEqualTo("0.0.0.0");
        } else {
          assertThat(ports).containsEntry("ops", config.getJsonObject("ops").getInteger("port"));
        }
      }
    }
  }

  @Test
  @DisplayName(
      "config and rules come from ConfigMaps mounted as whole directories, and the rules are ones the router loads")
  void configAndRulesAreMountedDirectories() throws Exception {
    for (RenderedManifests rendered : overlays()) {
      for (Deployment deployment : rendered.deployments()) {
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        assertThat(pod.getContainers().get(0).getVolumeMounts())
            .extracting(VolumeMount::getSubPath)
            .containsOnlyNulls();
        assertThat(mountedFile(rendered, deployment, "--config")).isNotNull();
      }
      Path rules =
          mountedFile(rendered, rendered.named(Deployment.class, "reflex-router"), "--rules");
      RulesSource source = new RulesSource(vertx, rules.toString(), 0);
      try {
        assertThat(source.load().await().rules()).as(rendered.directory()).isNotEmpty();
      } finally {
        source.close();
      }
    }
  }

  @Test
  @DisplayName(
      "each Deployment runs the image the build makes for its service, and every service has one")
  void imagesAreTheBuiltOnes() throws Exception {
    String script = Files.readString(RenderedManifests.K8S.resolve("../scripts/build-images.sh"));
    Matcher built = Pattern.compile("(?m)^SERVICES=\\(([^)]*)\\)").matcher(script);
    assertThat(built.find()).as("SERVICES=(...) in scripts/build-images.sh").isTrue();
    Set<String> builtServices = Set.of(built.group(1).trim().split("\\s+"));
    assertThat(script).contains("\"localhost/reflex/$service:$TAG\"");
    Set<String> services =
        MeshLauncher.availableServices().stream()
            .map(ReflexService::name)
            .collect(Collectors.toSet());
    assertThat(builtServices).isEqualTo(services);
    for (RenderedManifests rendered : overlays()) {
      assertThat(rendered.deployments())
          .extracting(d -> d.getSpec().getTemplate().getSpec().getContainers().get(0).getName())
          .containsExactlyInAnyOrderElementsOf(services);
      for (Deployment deployment : rendered.deployments()) {
        Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getImage())
            .isEqualTo(
                "localhost/reflex/"
                    + container.getName()
                    + ":"
                    + System.getProperty("reflex.version"));
      }
    }
  }

  @Test
  @DisplayName(
      "pods run as the image's non-root user on a read-only root, with /tmp writable and drain time before the kill")
  void podsAreLockedDown() {
    for (RenderedManifests rendered : overlays()) {
      for (Deployment deployment : rendered.deployments()) {
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        Container container = pod.getContainers().get(0);
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(65532L);
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        VolumeMount tmp =
            container.getVolumeMounts().stream()
                .filter(m -> m.getMountPath().equals("/tmp"))
                .findFirst()
                .orElseThrow();
        assertThat(volume(pod, tmp.getName()).getEmptyDir()).isNotNull();
        assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
        assertThat(container.getResources().getLimits()).containsKey("memory");
        assertThat(container.getLifecycle().getPreStop().getExec().getCommand())
            .first()
            .isEqualTo("sleep");
        int preStop =
            Integer.parseInt(container.getLifecycle().getPreStop().getExec().getCommand().get(1));
        // reflex waits up to 30 s for the services to drain and the member to leave (MeshOptions).
        assertThat(pod.getTerminationGracePeriodSeconds()).isGreaterThan(preStop + 30L);
      }
    }
  }

  @Test
  @DisplayName(
      "the NetworkPolicies open exactly the ports the containers declare: Hazelcast, event bus, gateway, ops")
  void policiesOpenTheMeshPorts() {
    for (RenderedManifests rendered : overlays()) {
      Set<Integer> declared =
          rendered.deployments().stream()
              .flatMap(
                  d ->
                      d
                          .getSpec()
                          .getTemplate()
                          .getSpec()
                          .getContainers()
                          .get(0)
                          .getPorts()
                          .stream())
              .map(ContainerPort::getContainerPort)
              .collect(Collectors.toSet());
      Set<Integer> opened =
          rendered.all(NetworkPolicy.class).stream()
              .flatMap(p -> p.getSpec().getIngress().stream())
              .flatMap(rule -> rule.getPorts().stream())
              .map(NetworkPolicyPort::getPort)
              .map(port -> port.getIntVal())
              .collect(Collectors.toSet());
      assertThat(opened)
          .as(rendered.directory())
          .isEqualTo(declared)
          .containsExactlyInAnyOrder(5701, 5710, 8080, 8081);
      assertThat(
              rendered
                  .named(NetworkPolicy.class, "reflex-default-deny")
                  .getSpec()
                  .getPodSelector()
                  .getMatchLabels())
          .isNullOrEmpty();
    }
  }

  /**
   * The file a command-line option names, written out from the ConfigMap mounted at its directory.
   */
  private static Path mountedFile(RenderedManifests rendered, Deployment deployment, String option)
      throws Exception {
    PodSpec pod = deployment.getSpec().getTemplate().getSpec();
    Container container = pod.getContainers().get(0);
    List<String> args = container.getArgs();
    assertThat(args).as("%s args", deployment.getMetadata().getName()).contains(option);
    Path path = Path.of(args.get(args.indexOf(option) + 1));
    VolumeMount mount =
        container.getVolumeMounts().stream()
            .filter(m -> Path.of(m.getMountPath()).equals(path.getParent()))
            .findFirst()
            .orElseThrow(
                () -> new AssertionError(option + " " + path + " is in no mounted directory"));
    ConfigMap configMap = rendered.configMap(volume(pod, mount.getName()).getConfigMap().getName());
    assertThat(configMap.getData())
        .as("ConfigMap %s", configMap.getMetadata().getName())
        .containsKey(path.getFileName().toString());
    Path file = Files.createTempFile("mounted", path.getFileName().toString());
    file.toFile().deleteOnExit();
    return Files.writeString(file, configMap.getData().get(path.getFileName().toString()));
  }

  private static Volume volume(PodSpec pod, String name) {
    return pod.getVolumes().stream()
        .filter(v -> v.getName().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private static Map<String, String> environment(RenderedManifests rendered, Container container) {
    Map<String, String> environment = new HashMap<>();
    for (EnvFromSource source : container.getEnvFrom()) {
      if (source.getConfigMapRef() != null) {
        environment.putAll(rendered.configMap(source.getConfigMapRef().getName()).getData());
      }
      if (source.getSecretRef() != null) {
        Secret secret = rendered.secret(source.getSecretRef().getName());
        if (secret.getStringData() != null) {
          environment.putAll(secret.getStringData());
        }
        if (secret.getData() != null) {
          secret
              .getData()
              .forEach(
                  (key, value) ->
                      environment.put(
                          key,
                          new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8)));
        }
      }
    }
    if (container.getEnv() != null) {
      container
          .getEnv()
          .forEach((EnvVar variable) -> environment.put(variable.getName(), variable.getValue()));
    }
    assertThat(environment.keySet()).allMatch(name -> name.startsWith("REFLEX_"));
    return environment;
  }

  static boolean selects(LabelSelector selector, Map<String, String> labels) {
    Map<String, String> wanted =
        selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels();
    if (!labels.entrySet().containsAll(wanted.entrySet())) {
      return false;
    }
    for (LabelSelectorRequirement requirement : selector.getMatchExpressions()) {
      String value = labels.get(requirement.getKey());
      boolean holds =
          switch (requirement.getOperator()) {
            case "In" -> requirement.getValues().contains(value);
            case "NotIn" -> !requirement.getValues().contains(value);
            case "Exists" -> value != null;
            case "DoesNotExist" -> value == null;
            default ->
                throw new AssertionError("unknown selector operator " + requirement.getOperator());
          };
      if (!holds) {
        return false;
      }
    }
    return true;
  }
}
