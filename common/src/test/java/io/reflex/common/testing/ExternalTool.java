package io.reflex.common.testing;

import java.io.File;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assumptions;

/**
 * A program outside the JDK and Maven that some tests drive (Chromium, kubectl). README asks a
 * developer for a JDK and Maven only, so such a test is skipped, with one loud line naming the tool
 * and how to get it, when the tool is absent; CI sets {@value #REQUIRE} so that a missing tool
 * fails the build instead of silently dropping its tests. The tool is looked up on the PATH, then
 * in the directories of the {@value #EXTRA_PATH} system property (where a script such as
 * scripts/fetch-kubectl.sh unpacks one without installing it).
 */
public record ExternalTool(String command, String howToGet) {

  public static final String REQUIRE = "reflex.requireTools";
  public static final String EXTRA_PATH = "reflex.tools.path";

  /** The tools already reported missing in this JVM: one line each, not one per skipped test. */
  private static final Set<String> ANNOUNCED = ConcurrentHashMap.newKeySet();

  public static final ExternalTool CHROMIUM =
      new ExternalTool("chromium", "apt-get install chromium chromium-driver");
  public static final ExternalTool CHROMEDRIVER =
      new ExternalTool("chromedriver", "apt-get install chromium chromium-driver");
  public static final ExternalTool POSTGRESQL =
      new ExternalTool(
          "initdb",
          "apt-get install postgresql (server binaries in /usr/lib/postgresql/VERSION/bin)");
  public static final ExternalTool KUBECTL =
      new ExternalTool(
          "kubectl",
          "apt-get install kubernetes-client, or scripts/fetch-kubectl.sh (kubectl 1.20, kustomize v2.0.3)");

  /**
   * The tool's executable; when it is missing, aborts the calling test (a skip) or, under {@value
   * #REQUIRE}, fails it. {@code enables} says which tests need it, for the message.
   */
  public Path require(String enables) {
    Optional<Path> found = locate();
    if (found.isPresent()) {
      return found.get();
    }
    throw missing(enables);
  }

  /**
   * For a tool found some other way and not found: aborts the calling test (a skip) or, under
   * {@value #REQUIRE}, fails it. Declared to return what it throws, so callers can write {@code
   * throw missing(..)}.
   */
  public AssertionError missing(String enables) {
    String message =
        "MISSING TOOL "
            + command
            + " (not on the PATH nor in "
            + EXTRA_PATH
            + "): "
            + enables
            + " cannot run; get it with: "
            + howToGet;
    if (Boolean.getBoolean(REQUIRE)) {
      throw new AssertionError(message + " [" + REQUIRE + "=true]");
    }
    if (ANNOUNCED.add(command)) {
      loud("SKIPPED: " + message);
    }
    Assumptions.abort(message);
    return new AssertionError("unreachable: Assumptions.abort throws");
  }

  /**
   * Straight to the test JVM's own stderr: surefire sends System.err to a report file, where nobody
   * would see that a test did not run; the process's stderr reaches the build's console.
   */
  private static void loud(String line) {
    PrintStream console =
        new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    console.println(line);
  }

  Optional<Path> locate() {
    return directories().stream()
        .map(dir -> dir.resolve(command))
        .filter(Files::isExecutable)
        .findFirst();
  }

  private static List<Path> directories() {
    List<Path> directories = new ArrayList<>();
    for (String property : new String[] {System.getenv("PATH"), System.getProperty(EXTRA_PATH)}) {
      if (property != null) {
        for (String entry : property.split(File.pathSeparator)) {
          if (!entry.isBlank()) {
            directories.add(Path.of(entry));
          }
        }
      }
    }
    return directories;
  }
}
