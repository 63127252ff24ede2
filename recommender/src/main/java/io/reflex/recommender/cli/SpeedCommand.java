package io.reflex.recommender.cli;

import io.reflex.recommender.eval.ReplayLog;
import io.reflex.recommender.eval.SpeedBenchmark;
import io.reflex.recommender.model.InteractionType;
import io.reflex.recommender.model.ModelSettings;
import io.reflex.recommender.model.Recommenders;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code reflex recommender speed FILE}: update+recommend pairs per second on one thread, several
 * passes.
 */
@Command(
    name = "speed",
    mixinStandardHelpOptions = true,
    description =
        "Harness benchmark: after a learn-only warm-up, learn each event and recommend the shopper's "
            + "top-N, as the service does; one row per pass (the first passes warm the JIT up).")
public final class SpeedCommand implements Callable<Integer> {
  @Parameters(
      index = "0",
      paramLabel = "FILE",
      description = "interaction log (any format of evaluate)")
  Path file;

  @Mixin LogFormatOption format;

  @Option(
      names = "--model",
      defaultValue = "default",
      description = "model name; default: ${DEFAULT-VALUE}")
  String model;

  @Option(
      names = "--passes",
      defaultValue = "4",
      description = "replays, each through a fresh model")
  int passes;

  @Option(
      names = "--n",
      defaultValue = "10",
      description = "list length recommended after each event")
  int n;

  @Option(
      names = "--warmup-share",
      defaultValue = "0.2",
      description = "leading share only learned, not timed")
  double warmupShare;

  private final PrintStream out;

  public SpeedCommand() {
    this(System.out);
  }

  SpeedCommand(PrintStream out) {
    this.out = out;
  }

  @Override
  public Integer call() throws IOException {
    ReplayLog log =
        new ReplayLog(format.read(file), warmupShare, EnumSet.allOf(InteractionType.class));
    SpeedBenchmark benchmark = new SpeedBenchmark(log, n);
    out.printf(
        Locale.ROOT,
        "%s: %,d events, %,d timed pairs (learn + top-%d) per pass; load average %.2f%n%n",
        model,
        log.size(),
        log.size() - log.warmupEvents(),
        n,
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    out.println(
        "| pass | pairs/s (wall) | pairs/s (thread CPU) | learn p50 / p99 us | recommend p50 / p99 / p99.9 us |");
    out.println("|---|---|---|---|---|");
    for (int pass = 1; pass <= passes; pass++) {
      SpeedBenchmark.Pass p =
          benchmark.run(() -> Recommenders.create(model, ModelSettings.defaults()));
      out.printf(
          Locale.ROOT,
          "| %d | %,.0f | %,.0f | %.1f / %.1f | %.1f / %.1f / %.1f |%n",
          pass,
          p.pairsPerWallSecond(),
          p.pairsPerCpuSecond(),
          p.learnNanos().getValueAtPercentile(50) / 1e3,
          p.learnNanos().getValueAtPercentile(99) / 1e3,
          p.recommendNanos().getValueAtPercentile(50) / 1e3,
          p.recommendNanos().getValueAtPercentile(99) / 1e3,
          p.recommendNanos().getValueAtPercentile(99.9) / 1e3);
    }
    return 0;
  }
}
