package io.reflex.standalone.cli;

import io.reflex.common.launch.Mesh;
import io.reflex.common.launch.MeshLauncher;
import io.reflex.standalone.demo.DemoVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.json.JsonObject;
import java.io.File;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import picocli.CommandLine.Option;

/** Options shared by the commands that start services, and the starting itself. */
public class MeshOptions {

  private static final Logger LOG = Logger.getLogger(MeshOptions.class.getName());

  @Option(
      names = {"-c", "--config"},
      paramLabel = "FILE",
      description = "YAML file layered over the defaults.")
  File config;

  @Option(
      names = "--rules",
      paramLabel = "FILE",
      description = "Rules file (YAML, hot-reloaded). Default: the bundled rules.")
  File rules;

  @Option(
      names = {"-p", "--port"},
      paramLabel = "PORT",
      description = "Gateway HTTP and WebSocket port (default 8080).")
  Integer port;

  @Option(
      names = "--demo",
      description = "Stream simulated IoT readings and shoppers through the mesh.")
  boolean demo;

  @Option(
      names = "--kafka",
      paramLabel = "HOST:PORT[,...]",
      description =
          "Kafka broker(s) to use (kafka.bootstrapServers): for --durable, Kafka sources and publish actions.")
  String kafka;

  @Option(
      names = "--durable",
      description = {
        "Durable mode: an event is acknowledged only once it is in the event "
            + "log (Kafka, acks=all), and the router reads it from there. Needs --kafka (or kafka.bootstrapServers)."
      })
  boolean durable;

  /**
   * Starts the services and returns at once; a shutdown hook drains them (and leaves the cluster)
   * on SIGTERM.
   */
  int start(boolean cluster, List<String> services) {
    for (File file : new File[] {config, rules}) {
      if (file != null && !file.isFile()) {
        System.err.println("reflex: " + file + " does not exist");
        return 2;
      }
    }
    long started = System.nanoTime();
    Mesh mesh;
    try {
      // Generous: on a crowded node, class loading alone can take minutes; a Kubernetes startup
      // probe decides sooner.
      mesh =
          MeshLauncher.start(
                  new MeshLauncher.Options(
                      cluster, services, config == null ? null : config.getPath(), overrides()))
              .await(300, TimeUnit.SECONDS);
    } catch (Exception e) {
      System.err.println("reflex: failed to start: " + e.getMessage());
      return 1;
    }
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  // Plain stderr: java.util.logging resets its handlers in a shutdown hook of its
                  // own, so log lines from here may be lost.
                  System.err.println(
                      "reflex: shutting down: draining services"
                          + (cluster ? " and leaving the cluster" : ""));
                  long stopping = System.nanoTime();
                  try {
                    mesh.close().await(30, TimeUnit.SECONDS);
                    System.err.println(
                        "reflex: stopped cleanly in "
                            + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopping)
                            + " ms");
                  } catch (Exception e) {
                    System.err.println("reflex: shutdown did not complete cleanly: " + e);
                  }
                },
                "reflex-shutdown"));
    if (demo) {
      mesh.vertx()
          .deployVerticle(
              new DemoVerticle(),
              new DeploymentOptions().setConfig(mesh.config().getJsonObject("demo")));
    }
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    int httpPort = mesh.config().getJsonObject("gateway").getJsonObject("http").getInteger("port");
    LOG.info(
        "Reflex ready in "
            + millis
            + " ms: "
            + mesh.services()
            + (mesh.services().contains("gateway")
                ? "; WebSocket ws://127.0.0.1:" + httpPort + "/ws"
                : ""));
    return 0;
  }

  private JsonObject overrides() {
    JsonObject overrides = new JsonObject();
    if (rules != null) {
      overrides.put(
          "router",
          new JsonObject().put("rules", new JsonObject().put("path", rules.getAbsolutePath())));
    }
    if (port != null) {
      overrides.put("gateway", new JsonObject().put("http", new JsonObject().put("port", port)));
    }
    if (kafka != null) {
      overrides.put("kafka", new JsonObject().put("bootstrapServers", kafka));
    }
    if (durable) {
      overrides.put("durable", true);
    }
    return overrides;
  }
}
