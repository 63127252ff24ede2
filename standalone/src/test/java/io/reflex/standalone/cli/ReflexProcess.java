package io.reflex.standalone.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The {@code reflex} command run as a separate JVM on the test classpath, as a user would run it.
 */
final class ReflexProcess {

  private final Process process;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private ReflexProcess(Process process) {
    this.process = process;
    copy(process.getInputStream(), out);
    copy(process.getErrorStream(), err);
  }

  static ReflexProcess start(String stdin, String... args) {
    List<String> command =
        new ArrayList<>(
            List.of(
                javaBinary(),
                "-cp",
                System.getProperty("java.class.path"),
                ReflexCommand.class.getName()));
    command.addAll(List.of(args));
    try {
      Process process = new ProcessBuilder(command).start();
      if (stdin != null) {
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
      }
      process.getOutputStream().close();
      return new ReflexProcess(process);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ReflexProcess run(String stdin, String... args) {
    ReflexProcess process = start(stdin, args);
    process.waitForExit();
    return process;
  }

  int waitForExit() {
    return waitForExit(120);
  }

  /**
   * For commands that start servers of their own (bench), which can take minutes on a loaded
   * machine.
   */
  int waitForExit(long timeoutSeconds) {
    try {
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(
            "reflex did not finish; stdout: " + stdout() + " stderr: " + stderr());
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  int exitCode() {
    return waitForExit();
  }

  String stdout() {
    synchronized (out) {
      return out.toString(StandardCharsets.UTF_8);
    }
  }

  String stderr() {
    synchronized (err) {
      return err.toString(StandardCharsets.UTF_8);
    }
  }

  void destroy() {
    process.destroyForcibly();
  }

  private static String javaBinary() {
    return System.getProperty("java.home") + "/bin/java";
  }

  private static void copy(InputStream from, ByteArrayOutputStream to) {
    Thread copier =
        new Thread(
            () -> {
              byte[] buffer = new byte[8192];
              try {
                int n;
                while ((n = from.read(buffer)) != -1) {
                  synchronized (to) {
                    to.write(buffer, 0, n);
                  }
                }
              } catch (IOException e) {
                // The process ended; what was read is kept.
              }
            },
            "reflex-process-output");
    copier.setDaemon(true);
    copier.start();
  }
}
