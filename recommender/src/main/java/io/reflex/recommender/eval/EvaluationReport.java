package io.reflex.recommender.eval;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Renders a replay's results as Markdown tables: the log profile, every model's metrics, paired
 * comparisons.
 */
public final class EvaluationReport {
  private final ReplayLog log;
  private final List<ModelResult> results;

  public EvaluationReport(ReplayLog log, List<ModelResult> results) {
    this.log = log;
    this.results = List.copyOf(results);
  }

  /** The model with the best HR@10 among those not named {@code except} (ties: better MRR@10). */
  public ModelResult best(String except) {
    return results.stream()
        .filter(r -> !r.model().equals(except))
        .max(
            Comparator.comparingDouble((ModelResult r) -> r.overall().hr10())
                .thenComparingDouble(r -> r.overall().mrr10()))
        .orElseThrow(() -> new IllegalStateException("no model other than " + except));
  }

  /**
   * HR@10 per window of {@code window} evaluated events, one column per model: the data of the
   * accuracy plot.
   */
  public String windowedHitRateCsv(int window) {
    StringBuilder out = new StringBuilder("window_end_event");
    results.forEach(r -> out.append(',').append(r.model()));
    out.append('\n');
    int evaluated = log.evaluatedCount();
    for (int start = 0; start + window <= evaluated; start += window) {
      ModelResult first = results.get(0);
      out.append(first.eventIndex()[start + window - 1] + 1);
      for (ModelResult r : results) {
        int hits = 0;
        for (int i = start; i < start + window; i++) {
          hits += r.hit(i, 10) ? 1 : 0;
        }
        out.append(String.format(Locale.ROOT, ",%.4f", hits / (double) window));
      }
      out.append('\n');
    }
    return out.toString();
  }

  /** Below double precision the exact value is meaningless; say so instead of printing 0. */
  private static String pValue(double p) {
    return p < 1e-300 ? "< 1e-300" : String.format(Locale.ROOT, "%.3g", p);
  }

  public String render(String candidate, int window) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "log: %,d events, %,d users, %,d items; warm-up %,d events; evaluated %,d "
                + "(warm users %.1f%%, unhittable %.1f%%, repeat %.1f%%)%n%n",
            log.size(),
            log.users(),
            log.items(),
            log.warmupEvents(),
            log.evaluatedCount(),
            100 * log.warmShare(),
            100 * log.unhittableShare(),
            100 * log.repeatShare()));
    out.append(
        "| model | HR@10 | MRR@10 | HR@20 | MRR@20 | warm HR@10 | warm MRR@10 | cold HR@10 | "
            + "cold MRR@10 | events/s | rec p50 us | rec p99 us |\n");
    out.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (ModelResult r : results) {
      Metrics all = r.overall();
      Metrics warm = r.where(log::isWarmUser);
      Metrics cold = r.where(i -> !log.isWarmUser(i));
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %.4f | %.4f | %.4f | %.4f | %.4f | %.4f | %.4f | %.4f | %,.0f | %.1f | %.1f |%n",
              r.model(),
              all.hr10(),
              all.mrr10(),
              all.hr20(),
              all.mrr20(),
              warm.hr10(),
              warm.mrr10(),
              cold.hr10(),
              cold.mrr10(),
              r.eventsPerSecond(),
              r.recommendP50Micros(),
              r.recommendP99Micros()));
    }
    ModelResult mine =
        results.stream().filter(r -> r.model().equals(candidate)).findFirst().orElse(null);
    if (mine != null && results.size() > 1) {
      out.append(
          String.format(
              Locale.ROOT,
              "%npaired HR@10, %s vs each model (exact sign test; windows of "
                  + "%,d evaluated events won by each side)%n%n",
              candidate,
              window));
      out.append("| vs | only ")
          .append(candidate)
          .append(
              " hit | only other hit | p-value | windows won "
                  + candidate
                  + " / other / total |\n|---|---|---|---|---|\n");
      for (ModelResult other : results) {
        if (other != mine) {
          PairedComparison p = PairedComparison.of(mine, other, 10, window);
          out.append(
              String.format(
                  Locale.ROOT,
                  "| %s | %,d | %,d | %s | %d / %d / %d |%n",
                  other.model(),
                  p.onlyA(),
                  p.onlyB(),
                  pValue(p.pValue()),
                  p.windowsAWins(),
                  p.windowsBWins(),
                  p.windows()));
        }
      }
      out.append(
          String.format(Locale.ROOT, "%nbest other model by HR@10: %s%n", best(candidate).model()));
    }
    return out.toString();
  }
}
