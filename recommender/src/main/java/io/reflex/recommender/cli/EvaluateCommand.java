package io.reflex.recommender.cli;

import io.reflex.recommender.eval.EvaluationReport;
import io.reflex.recommender.eval.ModelResult;
import io.reflex.recommender.eval.PrequentialEvaluator;
import io.reflex.recommender.eval.ReplayLog;
import io.reflex.recommender.model.InteractionType;
import io.reflex.recommender.model.ModelSettings;
import io.reflex.recommender.model.Recommenders;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code reflex recommender evaluate FILE}: every chosen model on the same prequential replay, one
 * table.
 */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description = "Prequential (test-then-learn) replay of an interaction log through each model.")
public final class EvaluateCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "FILE", description = "interaction log")
  Path file;

  @Mixin LogFormatOption format;

  @Option(
      names = "--models",
      split = ",",
      description =
          "models to compare; the first is paired against each other one; default: ${DEFAULT-VALUE}",
      defaultValue = "default,pop,rpop,spop,iknn-last,iknn-hist,sr,vsknn,stan,vstan")
  List<String> models;

  @Option(
      names = "--warmup-share",
      defaultValue = "0.2",
      description = "leading share only learned, not scored")
  double warmupShare;

  @Option(
      names = "--evaluate",
      split = ",",
      defaultValue = "view,cart,purchase",
      description = "event types scored (all for click streams, purchase for purchase prediction)")
  List<String> evaluatedTypes;

  @Option(
      names = "--exclude-purchased",
      description = "never recommend items the user already bought")
  boolean excludePurchased;

  @Option(
      names = "--window",
      defaultValue = "5000",
      description = "evaluated events per comparison window")
  int window;

  @Option(
      names = "--windows-csv",
      paramLabel = "FILE",
      description =
          "also write HR@10 per window for every model (CSV, for plotting accuracy over time)")
  Path windowsCsv;

  private final PrintStream out;
  private final PrintStream err;

  public EvaluateCommand() {
    this(System.out, System.err);
  }

  EvaluateCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() throws IOException {
    Set<InteractionType> types = EnumSet.noneOf(InteractionType.class);
    evaluatedTypes.forEach(
        t -> types.add(InteractionType.valueOf(t.trim().toUpperCase(Locale.ROOT))));
    ReplayLog log = new ReplayLog(format.read(file), warmupShare, types);
    PrequentialEvaluator evaluator = new PrequentialEvaluator(log, excludePurchased);
    ModelSettings settings = ModelSettings.defaults();
    List<ModelResult> results = new ArrayList<>();
    for (String name : models) {
      err.printf(Locale.ROOT, "%s: replaying %,d events%n", name, log.size());
      results.add(
          evaluator.run(
              name,
              Recommenders.create(name, settings),
              (model, done, total) ->
                  err.printf(Locale.ROOT, "%s: %,d / %,d events%n", model, done, total)));
    }
    EvaluationReport report = new EvaluationReport(log, results);
    out.print(report.render(models.get(0), window));
    if (windowsCsv != null) {
      Files.writeString(windowsCsv, report.windowedHitRateCsv(window));
    }
    return 0;
  }
}
