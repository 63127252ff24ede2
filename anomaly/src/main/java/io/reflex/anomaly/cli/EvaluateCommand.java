package io.reflex.anomaly.cli;

import io.reflex.anomaly.nab.NabCorpusReader;
import io.reflex.anomaly.nab.NabEvaluator;
import io.reflex.anomaly.nab.NabLabels;
import io.reflex.anomaly.nab.NabSeries;
import io.reflex.anomaly.nab.ScoredSeries;
import io.reflex.anomaly.nab.Window;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code reflex anomaly evaluate DATA_DIR RESULTS_DIR}: replays NAB data files through a detector
 * into NAB results; {@code reflex anomaly evaluate --cross-validate DATA_DIR}: the nested
 * cross-validation of the default detector.
 */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description = {
      "Replay NAB data (DATA_DIR/<category>/<file>.csv) through a detector, one fresh detector per file, "
          + "and write RESULTS_DIR/<category>/<detector>_<file>.csv (timestamp,value,anomaly_score,label).",
      "With --cross-validate: nested cross-validation of the default detector by kind of series (one fold per NAB "
          + "category, the artificial ones together); settings and thresholds are chosen on each fold's training "
          + "part only. Prints the held-out score of each fold, their mean and spread, then the all-in numbers."
    })
public final class EvaluateCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "DATA_DIR",
      description = "NAB data directory holding <category>/<file>.csv")
  private Path dataDir;

  @Parameters(
      index = "1",
      arity = "0..1",
      paramLabel = "RESULTS_DIR",
      description = "Where to write the results files (required unless --cross-validate)")
  private Path resultsDir;

  @Option(
      names = "--cross-validate",
      description = "Nested cross-validation of the default detector (needs labels)")
  private boolean crossValidate;

  @Option(
      names = "--detector",
      defaultValue = "reflex",
      description = "reflex | windowedGaussian (default: ${DEFAULT-VALUE})")
  private String detector;

  @Option(
      names = "--labels",
      paramLabel = "FILE",
      description =
          "windows.json for the label column (default: DATA_DIR/../labels/windows.json if present, else all 0)")
  private Path labelsFile;

  @Override
  public Integer call() {
    DetectorChoice choice = DetectorChoice.named(detector);
    Path labelsPath =
        labelsFile != null
            ? labelsFile
            : dataDir.toAbsolutePath().getParent().resolve("labels/windows.json");
    NabLabels labels = Files.isRegularFile(labelsPath) ? NabLabels.read(labelsPath) : null;
    if (crossValidate && (labels == null || choice != DetectorChoice.REFLEX)) {
      throw new ParameterException(
          spec.commandLine(),
          labels == null
              ? "--cross-validate needs labels: no " + labelsPath
              : "--cross-validate evaluates the reflex detector only");
    }
    if (!crossValidate && resultsDir == null) {
      throw new ParameterException(spec.commandLine(), "Missing required parameter: 'RESULTS_DIR'");
    }
    List<NabSeries> corpus = NabCorpusReader.readAll(dataDir);
    if (crossValidate) {
      new CrossValidationReport(spec.commandLine().getOut(), spec.commandLine().getErr())
          .run(corpus, labels);
      return 0;
    }
    NabEvaluator evaluator = new NabEvaluator(choice.factory());
    PrintWriter err = spec.commandLine().getErr();
    long rows = 0;
    long started = System.nanoTime();
    for (int i = 0; i < corpus.size(); i++) {
      NabSeries series = corpus.get(i);
      List<Window> windows =
          labels != null && labels.covers(series.name()) ? labels.windowsOf(series) : List.of();
      ScoredSeries scored = evaluator.score(series, windows);
      NabEvaluator.write(resultsDir, choice.nabName(), series, scored);
      rows += series.size();
      err.printf("\r[%d/%d] %-60s", i + 1, corpus.size(), series.name());
      err.flush();
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    err.printf(
        "%n%s: %d files, %d rows in %.1f s -> %s%n",
        choice.nabName(), corpus.size(), rows, seconds, resultsDir);
    return 0;
  }
}
