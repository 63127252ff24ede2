package io.reflex.common.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * A real single-node Kafka broker (KRaft, broker and controller in one process) in a child JVM on
 * loopback ports chosen at run time, from the jars the {@code kafka-broker} module gathers (Maven
 * property {@code reflex.kafka.broker.lib}). It can be stopped (SIGTERM), crashed ({@code kill -9})
 * and started again on the same ports and data, as durable mode's fault tests need.
 */
public final class KafkaBroker implements AutoCloseable {

  private static final Duration START_LIMIT = Duration.ofSeconds(180);

  private final Path dir;
  private final int port;
  private final Path properties;
  private Process process;

  private KafkaBroker(Path dir, int port, Path properties) {
    this.dir = dir;
    this.port = port;
    this.properties = properties;
  }

  /**
   * Formats a fresh log directory under {@code dir} and starts the broker; returns once it answers
   * clients.
   */
  public static KafkaBroker start(Path dir) throws Exception {
    Files.createDirectories(dir);
    int port = FreePort.find();
    int controllerPort = FreePort.find();
    Path properties = dir.resolve("server.properties");
    Files.writeString(
        properties,
        String.join(
            "\n",
            "process.roles=broker,controller",
            "node.id=1",
            "controller.quorum.bootstrap.servers=127.0.0.1:" + controllerPort,
            "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
            "advertised.listeners=PLAINTEXT://127.0.0.1:"
                + port
                + ",CONTROLLER://127.0.0.1:"
                + controllerPort,
            "controller.listener.names=CONTROLLER",
            "inter.broker.listener.name=PLAINTEXT",
            "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
            "log.dirs=" + dir.resolve("data").toAbsolutePath(),
            "num.partitions=6",
            "offsets.topic.replication.factor=1",
            "offsets.topic.num.partitions=6",
            "transaction.state.log.replication.factor=1",
            "transaction.state.log.min.isr=1",
            "share.coordinator.state.topic.replication.factor=1",
            "share.coordinator.state.topic.min.isr=1",
            "group.initial.rebalance.delay.ms=0",
            "auto.create.topics.enable=true",
            ""));
    Files.writeString(
        dir.resolve("log4j2.properties"),
        String.join(
            "\n",
            "appender.out.type=Console",
            "appender.out.name=out",
            "appender.out.layout.type=PatternLayout",
            "appender.out.layout.pattern=[%d] %p %m (%c)%n",
            "rootLogger.level=INFO",
            "rootLogger.appenderRef.out.ref=out",
            "logger.kafka.name=org.apache.kafka",
            "logger.kafka.level=WARN",
            ""));
    KafkaBroker broker = new KafkaBroker(dir, port, properties);
    String clusterId;
    do {
      byte[] uuid = new byte[16];
      new SecureRandom().nextBytes(uuid);
      clusterId = Base64.getUrlEncoder().withoutPadding().encodeToString(uuid);
    } while (clusterId.startsWith(
        "-")); // the storage tool would read it as an option (1 start in 64 failed)
    Process format =
        broker
            .java(
                "kafka.tools.StorageTool",
                "format",
                "-t",
                clusterId,
                "-c",
                properties.toString(),
                "--standalone")
            .redirectOutput(dir.resolve("format.log").toFile())
            .start();
    if (!format.waitFor(120, TimeUnit.SECONDS) || format.exitValue() != 0) {
      throw new IllegalStateException(
          "formatting the broker's storage failed:\n"
              + Files.readString(dir.resolve("format.log")));
    }
    broker.startProcess();
    return broker;
  }

  /** {@code host:port} for clients. */
  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  /** SIGTERM: the broker shuts down cleanly. */
  public void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      crash();
    }
  }

  /** {@code kill -9}. */
  public void crash() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** Starts the broker again on the same ports and data; returns once it answers clients. */
  public void restart() throws Exception {
    startProcess();
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      crash();
    }
  }

  private void startProcess() throws Exception {
    Process started =
        java("kafka.Kafka", properties.toString())
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("broker.log").toFile()))
            .start();
    // A test JVM that is stopped (a timeout, Ctrl-C) takes its broker with it.
    Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly));
    process = started;
    awaitClients();
  }

  private void awaitClients() throws Exception {
    long deadline = System.nanoTime() + START_LIMIT.toNanos();
    Exception last = null;
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the broker exited with " + process.exitValue() + ":\n" + log());
      }
      try (Admin admin =
          Admin.create(
              Map.of(
                  AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                  bootstrapServers(),
                  AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                  2000,
                  AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                  3000))) {
        admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
        return;
      } catch (Exception e) {
        last = e;
        Thread.sleep(300);
      }
    }
    throw new IllegalStateException(
        "the broker did not answer within " + START_LIMIT + ": " + last + "\n" + log());
  }

  private ProcessBuilder java(String mainClass, String... args) {
    String lib = System.getProperty("reflex.kafka.broker.lib");
    if (lib == null || !new File(lib).isDirectory()) {
      throw new IllegalStateException(
          "no broker jars at "
              + lib
              + ": build the kafka-broker module first "
              + "(mvn -pl kafka-broker generate-resources, or the whole build)");
    }
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command =
        new ArrayList<>(
            List.of(
                java,
                "-Xms128m",
                "-Xmx512m",
                "-XX:+UseSerialGC",
                "-XX:ActiveProcessorCount=1",
                "-Dlog4j2.configurationFile=" + dir.resolve("log4j2.properties").toAbsolutePath(),
                "-cp",
                new File(lib).getAbsolutePath() + File.separator + "*",
                mainClass));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true);
  }

  private String log() throws IOException {
    Path log = dir.resolve("broker.log");
    return Files.exists(log) ? Files.readString(log) : "";
  }
}
