package io.reflex.recommender.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.reflex.recommender.model.Recommenders;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CommandsTest {
  @TempDir Path dir;

  @Test
  void simulateWritesAReproducibleCsvThatEvaluateReplays() throws IOException {
    Path first = dir.resolve("a.csv");
    Path second = dir.resolve("b.csv");
    assertThat(
            new CommandLine(new RecommenderCommand())
                .execute("simulate", "--events", "3000", "--seed", "4", first.toString()))
        .isZero();
    new CommandLine(new RecommenderCommand())
        .execute("simulate", "--events", "3000", "--seed", "4", second.toString());

    List<String> lines = Files.readAllLines(first);
    assertThat(lines).hasSize(3001).startsWith("user,item,type,timestamp,session");
    assertThat(Files.readAllBytes(second)).isEqualTo(Files.readAllBytes(first));

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        new CommandLine(
                new EvaluateCommand(
                    new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8)))
            .execute(
                first.toString(),
                "--window",
                "1000",
                "--windows-csv",
                dir.resolve("windows.csv").toString());

    String table = out.toString(StandardCharsets.UTF_8);
    assertThat(exit).isZero();
    assertThat(table).contains("log: 3,000 events", "evaluated 2,400");
    for (String model : Recommenders.NAMES) {
      assertThat(table).contains("| " + model.split(":")[0] + " |");
    }
    assertThat(table).contains("paired HR@10, default vs each model");
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("default: replaying 3,000 events");
    assertThat(
            new CommandLine(
                    new EvaluateCommand(
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8)))
                .execute(first.toString(), "--models", "default,oracle"))
        .isNotZero();
    List<String> windows = Files.readAllLines(dir.resolve("windows.csv"));
    assertThat(windows).hasSize(3); // header + 2 full windows of the 2,400 evaluated events
    assertThat(windows.get(0)).startsWith("window_end_event,default,pop,");
  }

  @Test
  void speedReportsOneRowPerPassOfLearnPlusRecommendPairs() throws IOException {
    Path log = dir.resolve("log.csv");
    new CommandLine(new RecommenderCommand())
        .execute("simulate", "--events", "2000", "--seed", "5", log.toString());
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    int exit =
        new CommandLine(new SpeedCommand(new PrintStream(out, true, StandardCharsets.UTF_8)))
            .execute(log.toString(), "--passes", "2");

    String table = out.toString(StandardCharsets.UTF_8);
    assertThat(exit).isZero();
    assertThat(table)
        .contains("default: 2,000 events, 1,600 timed pairs (learn + top-10) per pass");
    assertThat(table).contains("| 1 | ", "| 2 | ").doesNotContain("| 3 | ");
  }
}
