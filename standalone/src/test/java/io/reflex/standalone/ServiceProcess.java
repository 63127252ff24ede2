package io.reflex.standalone;

import io.reflex.common.testing.PrometheusText;
import io.reflex.standalone.cli.ReflexCommand;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One Reflex service in its own JVM ({@code reflex run --cluster --services NAME}) started from the
 * test classpath, configured through {@code REFLEX_*} environment variables as a container would
 * be, its output in a log file.
 */
final class ServiceProcess {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String name;
  private final int opsPort;
  private final Path log;
  private final Process process;

  private ServiceProcess(String name, int opsPort, Path log, Process process) {
    this.name = name;
    this.opsPort = opsPort;
    this.log = log;
    this.process = process;
  }

  static ServiceProcess start(
      String name, String service, int opsPort, Map<String, String> environment, Path logs)
      throws IOException {
    // Seven JVMs share two cores: fewer event-loop and Hazelcast threads each, and a quick JIT.
    return start(
        name,
        List.of(
            "-Xmx192m",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-XX:ActiveProcessorCount=1"),
        List.of("run", "--cluster", "--services", service),
        opsPort,
        environment,
        logs);
  }

  /** The whole mesh in one JVM ({@code reflex standalone}), configured the same way. */
  static ServiceProcess startStandalone(
      String name, int opsPort, Map<String, String> environment, Path logs) throws IOException {
    // The only service JVM on the machine: both cores and the full JIT, as it would run.
    return start(
        name,
        List.of("-Xmx512m", "-XX:+UseSerialGC"),
        List.of("standalone"),
        opsPort,
        environment,
        logs);
  }

  private static ServiceProcess start(
      String name,
      List<String> jvmFlags,
      List<String> arguments,
      int opsPort,
      Map<String, String> environment,
      Path logs)
      throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> command = new ArrayList<>(List.of(java));
    command.addAll(jvmFlags);
    command.addAll(
        List.of(
            "-Djava.util.logging.config.file="
                + new File("../common/src/main/resources/logging.properties").getAbsolutePath(),
            "-cp",
            classpath,
            ReflexCommand.class.getName()));
    command.addAll(arguments);
    Path log = logs.resolve(name + ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().keySet().removeIf(key -> key.startsWith("REFLEX_"));
    builder.environment().putAll(environment);
    builder.environment().put("REFLEX_OPS_PORT", String.valueOf(opsPort));
    Process process = builder.start();
    // A test JVM that is stopped (a timeout, Ctrl-C) takes its services with it.
    Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
    return new ServiceProcess(name, opsPort, log, process);
  }

  boolean isAlive() {
    return process.isAlive();
  }

  String name() {
    return name;
  }

  /** Waits until the process logs that its services run (it has joined the cluster). */
  void awaitReady(Duration limit) throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!output().contains("Reflex ready in")) {
      if (!process.isAlive()) {
        throw new AssertionError(name + " exited with " + process.exitValue() + ":\n" + output());
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(name + " not ready within " + limit + ":\n" + output());
      }
      Thread.sleep(200);
    }
  }

  /** Sum of the Prometheus samples of {@code metric} on the process's ops endpoint. */
  double metric(String metric) throws Exception {
    return metric(opsPort, metric);
  }

  /**
   * Sum of the Prometheus samples of {@code metric} served on {@code port} (a gateway serves them
   * on its own).
   */
  static double metric(int port, String metric) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
            .timeout(Duration.ofSeconds(10))
            .build();
    HttpResponse<String> response;
    try {
      response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException staleConnection) {
      // The pooled keep-alive connection may have been closed by the server since the last scrape:
      // once more.
      response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
    return PrometheusText.sum(response.body(), metric);
  }

  /** {@code kill -9}: no shutdown hook, no goodbye to the cluster. */
  void crash() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /**
   * SIGSTOP: the process stops answering anything (a long GC pause, a frozen VM) until {@link
   * #resume()}.
   */
  void pause() throws Exception {
    signal("STOP");
  }

  /** SIGCONT. */
  void resume() throws Exception {
    signal("CONT");
  }

  private void signal(String signal) throws Exception {
    Process kill =
        new ProcessBuilder("sh", "-c", "kill -" + signal + " " + process.pid()).inheritIO().start();
    if (kill.waitFor() != 0) {
      throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed");
    }
  }

  /** SIGTERM, as Kubernetes stops a pod; returns whether the process ended within the limit. */
  boolean terminate(Duration limit) throws InterruptedException {
    process.destroy();
    return process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
  }

  void forceStop() throws InterruptedException {
    if (process.isAlive()) {
      crash();
    }
  }

  String output() throws IOException {
    return Files.exists(log) ? Files.readString(log) : "";
  }
}
