package io.reflex.standalone.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code reflex run}: the named services, in one JVM or joined to a cluster. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Runs Reflex services: all of them in this JVM by default, or the ones named with --services,",
      "joined to a Hazelcast cluster with --cluster (one process per service in Kubernetes)."
    })
public class RunCommand implements Callable<Integer> {

  @Mixin MeshOptions mesh;

  @Option(
      names = "--cluster",
      description = "Join a Hazelcast cluster (see cluster.* in the configuration).")
  boolean cluster;

  @Option(
      names = "--services",
      split = ",",
      paramLabel = "NAME",
      description =
          "Services to run: gateway, ingestion, router, anomaly, recommender (default: all).")
  List<String> services = List.of();

  @Override
  public Integer call() {
    return mesh.start(cluster, services);
  }
}
