package io.reflex.standalone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commands that read files, run as real processes on bad input: one line naming the problem, exit
 * code 2.
 */
class InputErrorsTest {

  @TempDir Path dir;

  @Test
  @DisplayName(
      "a malformed line of an interaction log gives file:line, what was expected and what was found")
  void badLogLine() throws Exception {
    Path log =
        Files.writeString(
            dir.resolve("clicks.tsv"),
            "SessionId\tItemId\tTime\n1\t214\t1396437466.94\n1\t215\tyesterday\n");

    ReflexProcess evaluate =
        ReflexProcess.run(null, "recommender", "evaluate", log.toString(), "--models", "pop");

    assertThat(evaluate.exitCode()).isEqualTo(2);
    assertThat(evaluate.stderr().lines().filter(line -> !line.startsWith("pop: replaying")))
        .containsExactly(
            log
                + ":3: expected unix seconds (e.g. 1396437466 or 1396437466.94), found 'yesterday'");
  }

  @Test
  @DisplayName("a missing input file is one line and exit code 2")
  void missingFile() {
    Path missing = dir.resolve("nowhere.csv");

    ReflexProcess speed = ReflexProcess.run(null, "recommender", "speed", missing.toString());

    assertThat(speed.exitCode()).isEqualTo(2);
    assertThat(speed.stderr().lines()).containsExactly(missing + ": cannot read: no such file");
  }
}
