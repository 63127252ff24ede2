package io.reflex.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The server JVMs of one side of a comparison (the mesh, or its baseline), started from the bench
 * jar's own classpath with the same JVM options, each logging to its own file; their summed CPU
 * time is what "server CPU" means.
 */
final class ServerProcesses implements AutoCloseable {

  /**
   * What Hazelcast needs on JDK 17 (as in ./reflex); the same flags for every server so the
   * comparison is fair.
   */
  private static final List<String> JVM_OPTIONS =
      List.of(
          "-XX:ActiveProcessorCount=2",
          "-Xms256m",
          "-Xmx512m",
          "--add-modules",
          "java.se",
          "--add-exports",
          "java.base/jdk.internal.ref=ALL-UNNAMED",
          "--add-opens",
          "java.base/java.lang=ALL-UNNAMED",
          "--add-opens",
          "java.base/sun.nio.ch=ALL-UNNAMED",
          "--add-opens",
          "java.management/sun.management=ALL-UNNAMED",
          "--add-opens",
          "jdk.management/com.sun.management.internal=ALL-UNNAMED");

  /**
   * As ./reflex does: transparent huge pages for the heap where the kernel gives them on request
   * (elsewhere the flag would only print a warning).
   */
  private static final boolean HUGE_PAGES_ON_REQUEST = hugePagesOnRequest();

  private final Path logDir;
  private final boolean flightRecorder;
  private final List<String> extraJvmOptions;
  private final List<Process> processes = new ArrayList<>();
  private final ProcessAllocation allocation = new ProcessAllocation();

  ServerProcesses(Path logDir, boolean flightRecorder, List<String> extraJvmOptions) {
    this.logDir = logDir;
    this.flightRecorder = flightRecorder;
    this.extraJvmOptions = List.copyOf(extraJvmOptions);
  }

  void start(String name, String mainClass, List<String> args, Map<String, String> environment) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(JVM_OPTIONS);
    if (HUGE_PAGES_ON_REQUEST) {
      command.add("-XX:+UseTransparentHugePages");
    }
    command.addAll(extraJvmOptions);
    if (flightRecorder) {
      // Deep stacks: Vert.x and Netty frames alone fill JFR's default 64, hiding which of our calls
      // allocated.
      command.add("-XX:FlightRecorderOptions:stackdepth=256");
      command.add(
          "-XX:StartFlightRecording=filename="
              + logDir.resolve(name + ".jfr")
              + ",settings=profile");
    }
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass);
    command.addAll(args);
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(logDir.resolve(name + ".log").toFile());
    builder.environment().keySet().removeIf(key -> key.startsWith("REFLEX_"));
    builder.environment().putAll(environment);
    try {
      processes.add(builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean hugePagesOnRequest() {
    try {
      String mode = Files.readString(Path.of("/sys/kernel/mm/transparent_hugepage/enabled"));
      return mode.contains("[madvise]") || mode.contains("[always]");
    } catch (IOException | RuntimeException notLinux) {
      return false;
    }
  }

  /** Waits until something listens on the port, failing early if a server died. */
  void awaitListening(int port, long timeoutMs) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMs;
    while (System.currentTimeMillis() < deadline) {
      for (Process process : processes) {
        if (!process.isAlive()) {
          throw new IllegalStateException(
              "a server exited with " + process.exitValue() + "; see the logs in " + logDir);
        }
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        Thread.sleep(200);
      }
    }
    throw new IllegalStateException(
        "nothing listens on port " + port + " after " + timeoutMs + " ms; see " + logDir);
  }

  long cpuMicros() {
    return processes.stream().mapToLong(p -> ProcessCpu.cpuMicros(p.pid())).sum();
  }

  /** Heap bytes the servers allocated so far (-1 when one of them cannot be read). */
  long allocatedBytes() {
    long total = 0;
    for (Process process : processes) {
      long bytes = allocation.allocatedBytes(process.pid());
      if (bytes < 0) {
        return -1;
      }
      total += bytes;
    }
    return total;
  }

  /**
   * SIGTERM (the mesh drains and leaves the cluster, and JFR files are written), then SIGKILL after
   * 20 s.
   */
  @Override
  public void close() {
    allocation.close();
    processes.forEach(Process::destroy);
    for (Process process : processes) {
      try {
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
    processes.clear();
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
