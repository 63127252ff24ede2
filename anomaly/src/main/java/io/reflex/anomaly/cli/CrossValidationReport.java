package io.reflex.anomaly.cli;

import io.reflex.anomaly.detector.Detectors;
import io.reflex.anomaly.detector.Sensitivity;
import io.reflex.anomaly.detector.Settings;
import io.reflex.anomaly.detector.SettingsGrid;
import io.reflex.anomaly.nab.CostProfile;
import io.reflex.anomaly.nab.CrossValidation;
import io.reflex.anomaly.nab.CrossValidation.FoldResult;
import io.reflex.anomaly.nab.NabEvaluator;
import io.reflex.anomaly.nab.NabLabels;
import io.reflex.anomaly.nab.NabScorer;
import io.reflex.anomaly.nab.NabSeries;
import io.reflex.anomaly.nab.ScoredSeries;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints {@code evaluate --cross-validate}: per held-out fold, their mean and spread, then the
 * all-in dev numbers.
 */
final class CrossValidationReport {
  private final PrintWriter out;
  private final PrintWriter err;

  CrossValidationReport(PrintWriter out, PrintWriter err) {
    this.out = out;
    this.err = err;
  }

  void run(List<NabSeries> corpus, NabLabels labels) {
    Map<String, Settings> grid = SettingsGrid.candidates();
    Map<String, List<ScoredSeries>> scored = new LinkedHashMap<>();
    int done = 0;
    for (Map.Entry<String, Settings> candidate : grid.entrySet()) {
      NabEvaluator evaluator =
          new NabEvaluator(() -> Detectors.create(candidate.getValue(), Sensitivity.STANDARD));
      scored.put(candidate.getKey(), evaluator.scoreAll(corpus, labels, (d, t, name) -> {}));
      err.printf("\rscored candidate %d/%d", ++done, grid.size());
      err.flush();
    }
    err.println();
    CrossValidation cv = new CrossValidation(scored);
    List<FoldResult> folds = cv.run();
    out.printf(
        "Nested cross-validation: %d folds by kind of series, %d candidate settings; settings and thresholds "
            + "chosen on the training folds only%n",
        folds.size(), grid.size());
    out.printf(
        "%-22s %7s  %-24s %8s %8s %8s%n",
        "held-out fold", "windows", "settings chosen", "standard", "low_FP", "low_FN");
    for (FoldResult fold : folds) {
      out.printf(
          "%-22s %7d  %-24s %8.2f %8.2f %8.2f%n",
          fold.fold(),
          fold.windows(),
          fold.chosen(),
          fold.profiles().get(CostProfile.STANDARD).normalisedScore(),
          fold.profiles().get(CostProfile.REWARD_LOW_FP_RATE).normalisedScore(),
          fold.profiles().get(CostProfile.REWARD_LOW_FN_RATE).normalisedScore());
    }
    out.printf("%-56s", "HELD-OUT MEAN (sd, min..max over folds)");
    for (CostProfile profile : CostProfile.values()) {
      double[] s =
          folds.stream().mapToDouble(f -> f.profiles().get(profile).normalisedScore()).toArray();
      out.printf("  %.2f (%.2f, %.1f..%.1f)", mean(s), sd(s), min(s), max(s));
    }
    out.println();
    out.printf("%-56s", "held-out pooled (all windows, raw scores summed)");
    int windows = folds.stream().mapToInt(FoldResult::windows).sum();
    for (CostProfile profile : CostProfile.values()) {
      double raw = folds.stream().mapToDouble(f -> f.profiles().get(profile).rawScore()).sum();
      out.printf(
          " %8.2f",
          100.0
              * (raw + windows * profile.falseNegative())
              / (windows * (profile.truePositive() + profile.falseNegative())));
    }
    out.println();
    out.printf(
        "The same choice made on all folds picks: %s (the detector ships 'shipped')%n",
        cv.chooseOnAll());
    // Not an estimate for unseen series: the shipped settings were tuned on all these files. It
    // shows what
    // choosing the settings inside the folds costs.
    List<FoldResult> shippedOnly =
        new CrossValidation(Map.of("shipped", scored.get("shipped"))).run();
    out.printf("%-56s", "shipped settings alone, thresholds held out (optimistic)");
    for (CostProfile profile : CostProfile.values()) {
      out.printf(
          " %8.2f",
          mean(
              shippedOnly.stream()
                  .mapToDouble(f -> f.profiles().get(profile).normalisedScore())
                  .toArray()));
    }
    out.println();
    allIn(scored.get("shipped"));
    out.flush();
  }

  /**
   * The shipped settings on every dev file: optimised thresholds (in-sample) and the shipped ones.
   */
  private void allIn(List<ScoredSeries> shipped) {
    NabScorer scorer = new NabScorer(shipped);
    out.println("All-in dev (shipped settings, every file; in-sample):");
    for (CostProfile profile : CostProfile.values()) {
      Sensitivity sensitivity =
          switch (profile) {
            case STANDARD -> Sensitivity.STANDARD;
            case REWARD_LOW_FP_RATE -> Sensitivity.FEWER_FALSE_POSITIVES;
            case REWARD_LOW_FN_RATE -> Sensitivity.FEWER_MISSES;
          };
      NabScorer.ProfileScore best = scorer.optimise(profile);
      NabScorer.ProfileScore shippedAt = scorer.scoreAt(profile, Detectors.threshold(sensitivity));
      out.printf(
          "  %-20s optimised %.2f at %.6f; at the shipped %s threshold %.6f: %.2f%n",
          profile.nabName(),
          best.normalisedScore(),
          best.threshold(),
          sensitivity.name().toLowerCase(),
          shippedAt.threshold(),
          shippedAt.normalisedScore());
    }
  }

  private static double mean(double[] v) {
    double sum = 0;
    for (double x : v) {
      sum += x;
    }
    return sum / v.length;
  }

  private static double sd(double[] v) {
    double m = mean(v);
    double sum = 0;
    for (double x : v) {
      sum += (x - m) * (x - m);
    }
    return Math.sqrt(sum / (v.length - 1));
  }

  private static double min(double[] v) {
    return Arrays.stream(v).min().orElseThrow();
  }

  private static double max(double[] v) {
    return Arrays.stream(v).max().orElseThrow();
  }
}
