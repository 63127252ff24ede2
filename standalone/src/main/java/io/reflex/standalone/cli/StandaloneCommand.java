package io.reflex.standalone.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code reflex standalone}: the whole mesh in one JVM, nothing else to install. */
@Command(
    name = "standalone",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the whole mesh in this JVM on its embedded defaults (no cluster, no broker).",
      "Add --demo to watch simulated sensors and shoppers flow through it.",
      "Add --kafka HOST:PORT --durable to acknowledge events only once they are in a Kafka event log."
    })
public class StandaloneCommand implements Callable<Integer> {

  @Mixin MeshOptions mesh;

  @Override
  public Integer call() {
    return mesh.start(false, List.of());
  }
}
