package io.reflex.anomaly.cli;

import io.reflex.anomaly.nab.CostProfile;
import io.reflex.anomaly.nab.NabLabels;
import io.reflex.anomaly.nab.NabResultsReader;
import io.reflex.anomaly.nab.NabScorer;
import io.reflex.anomaly.nab.NabScorer.ProfileScore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code reflex anomaly score RESULTS_DIR LABELS_FILE}: NAB scores of a results directory, three
 * profiles.
 */
@Command(
    name = "score",
    mixinStandardHelpOptions = true,
    description =
        "Score NAB results files against labelled windows: one optimised global threshold per profile, "
            + "normalised so the null detector scores 0 and a perfect one 100.")
public final class ScoreCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "RESULTS_DIR",
      description = "Directory of <category>/<detector>_<file>.csv")
  private Path resultsDir;

  @Parameters(index = "1", paramLabel = "LABELS_FILE", description = "NAB windows.json")
  private Path labelsFile;

  @Option(
      names = "--detector",
      defaultValue = "reflex",
      description = "Detector name in the results file names (default: ${DEFAULT-VALUE})")
  private String detector;

  @Override
  public Integer call() {
    NabLabels labels = NabLabels.read(labelsFile);
    NabScorer scorer =
        new NabScorer(NabResultsReader.readAll(resultsDir, detector, labels, labels.seriesNames()));
    PrintWriter out = spec.commandLine().getOut();
    out.printf("%-20s %12s %10s %10s%n", "profile", "threshold", "raw", "score");
    for (CostProfile profile : CostProfile.values()) {
      ProfileScore result = scorer.optimise(profile);
      String threshold =
          Double.isInfinite(result.threshold())
              ? "never"
              : String.format("%.6f", result.threshold());
      out.printf(
          "%-20s %12s %10.2f %10.2f%n",
          profile.nabName(), threshold, result.rawScore(), result.normalisedScore());
    }
    out.flush();
    return 0;
  }
}
