package io.reflex.anomaly.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Round trip on a tiny NAB-shaped corpus: evaluate writes NAB results files, score reads them back.
 */
class EvaluateAndScoreCommandTest {

  @TempDir Path dir;

  private static String run(Object command, StringWriter err, String... args) {
    StringWriter out = new StringWriter();
    CommandLine cli =
        new CommandLine(command).setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
    assertThat(cli.execute(args)).as(err.toString()).isZero();
    return out.toString();
  }

  @Test
  void evaluatesThenScoresATinyCorpus() throws IOException {
    Path data = dir.resolve("nab/data/cat");
    Files.createDirectories(data);
    StringBuilder rows = new StringBuilder("timestamp,value\n");
    for (int i = 0; i < 400; i++) {
      // A repeated timestamp, as in NAB's machine_temperature file.
      int minute = i == 201 ? 200 : i;
      rows.append(
          String.format(
              "2014-01-01 %02d:%02d:00,%d%n",
              minute / 60 % 24, minute % 60, i == 300 ? 500 : i % 7));
    }
    // No final newline, as in four NAB files.
    Files.writeString(data.resolve("spiky.csv"), rows.toString().strip());
    Files.createDirectories(dir.resolve("nab/labels"));
    Files.writeString(
        dir.resolve("nab/labels/windows.json"),
        "{\"cat/spiky.csv\": [[\"2014-01-01 04:50:00.000000\", \"2014-01-01 05:10:00.000000\"]]}");

    StringWriter progress = new StringWriter();
    run(
        new EvaluateCommand(),
        progress,
        dir.resolve("nab/data").toString(),
        dir.resolve("results").toString());

    List<String> results = Files.readAllLines(dir.resolve("results/cat/reflex_spiky.csv"));
    assertThat(results).hasSize(401);
    assertThat(results.get(0)).isEqualTo("timestamp,value,anomaly_score,label");
    assertThat(results.get(290 + 1)).startsWith("2014-01-01 04:50:00,").endsWith(",1");
    assertThat(results.get(289 + 1)).endsWith(",0");
    assertThat(results.get(300 + 1)).startsWith("2014-01-01 05:00:00,500,");
    assertThat(progress.toString()).contains("[1/1] cat/spiky.csv");

    String table =
        run(
            new ScoreCommand(),
            new StringWriter(),
            dir.resolve("results").toString(),
            dir.resolve("nab/labels/windows.json").toString());
    // The spike sits inside the only window and nothing else fires: a high score on every profile.
    assertThat(table).contains("standard", "reward_low_FP_rate", "reward_low_FN_rate");
    assertThat(
            table.lines().skip(1).map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))))
        .allSatisfy(score -> assertThat(score).isGreaterThan(80));
  }

  @Test
  void crossValidationRefusesACorpusWithoutLabels() throws IOException {
    Path data = dir.resolve("unlabelled/data/cat");
    Files.createDirectories(data);
    Files.writeString(data.resolve("flat.csv"), "timestamp,value\n2014-01-01 00:00:00,1\n");
    StringWriter err = new StringWriter();
    CommandLine cli =
        new CommandLine(new EvaluateCommand())
            .setOut(new PrintWriter(new StringWriter()))
            .setErr(new PrintWriter(err));
    assertThat(cli.execute("--cross-validate", dir.resolve("unlabelled/data").toString()))
        .isEqualTo(2);
    assertThat(err.toString())
        .contains("--cross-validate needs labels: no ")
        .contains("unlabelled/labels/windows.json");
  }

  @Test
  void evaluationWithoutCrossValidationNeedsAResultsDirectory() {
    StringWriter err = new StringWriter();
    CommandLine cli =
        new CommandLine(new EvaluateCommand())
            .setOut(new PrintWriter(new StringWriter()))
            .setErr(new PrintWriter(err));
    assertThat(cli.execute(dir.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("Missing required parameter: 'RESULTS_DIR'");
  }
}
