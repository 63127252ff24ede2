package io.reflex.bench;

import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * The Markdown table of one scenario: each step of the mesh next to its baseline at the same
 * offered rate.
 */
final class MarkdownReport {

  private final StringBuilder text = new StringBuilder();

  MarkdownReport(String title, String command, String conditions) {
    text.append("### ")
        .append(title)
        .append("\n\n")
        .append("`")
        .append(command)
        .append("`\n\n")
        .append(conditions)
        .append("\n\n")
        .append(
            "| offered ev/s | Reflex ev/s | baseline ev/s | ack p50 / p99 / p99.9 ms | baseline p50 / p99 / p99.9 ms"
                + " | p99 ÷ baseline | derived p50 / p99 / p99.9 ms | derived recv / expected | errors | backlog"
                + " | server CPU-µs/ev (baseline) | server heap KB/ev (baseline) | generator CPU-µs/ev | CPU PSI avg10 %"
                + " | sustainable |\n")
        .append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
  }

  void step(double offered, Measurement reflex, Measurement baseline, long p99BoundMicros) {
    StepResult r = reflex == null ? null : reflex.result();
    StepResult b = baseline == null ? null : baseline.result();
    text.append("| ")
        .append(Math.round(offered))
        .append(" | ")
        .append(r == null ? "—" : Math.round(r.achievedPerSecond()))
        .append(" | ")
        .append(b == null ? "—" : Math.round(b.achievedPerSecond()))
        .append(" | ")
        .append(r == null ? "—" : percentiles(r.ackMicros()))
        .append(" | ")
        .append(b == null ? "—" : percentiles(b.ackMicros()))
        .append(" | ")
        .append(
            r == null || b == null
                ? "—"
                : ratio(
                    r.ackMicros().getValueAtPercentile(99), b.ackMicros().getValueAtPercentile(99)))
        .append(" | ")
        .append(r == null || r.expectedOutputs() == 0 ? "—" : percentiles(r.outputMicros()))
        .append(" | ")
        .append(r == null ? "—" : r.outputs() + " / " + r.expectedOutputs())
        .append(" | ")
        .append(r == null ? "—" : r.errors())
        .append(" | ")
        .append(r == null ? "—" : r.backlogGrowing() ? "growing" : "flat")
        .append(" | ")
        .append(reflex == null ? "—" : format(reflex.serverMicrosPerEvent()))
        .append(" (")
        .append(baseline == null ? "—" : format(baseline.serverMicrosPerEvent()))
        .append(")")
        .append(" | ")
        .append(reflex == null ? "—" : format(reflex.serverKilobytesPerEvent()))
        .append(" (")
        .append(baseline == null ? "—" : format(baseline.serverKilobytesPerEvent()))
        .append(")")
        .append(" | ")
        .append(reflex == null ? "—" : format(reflex.generatorMicrosPerEvent()))
        .append(" | ")
        .append(reflex != null ? format(reflex.pressure()) : format(baseline.pressure()))
        .append(" | ")
        .append(r == null ? "baseline only" : r.sustainable(p99BoundMicros) ? "yes" : "**no**")
        .append(" |\n");
  }

  void summary(double reflexMax, double baselineMax, String baselineLabel, boolean baselineCapped) {
    text.append(
            "\nHighest sustainable rate (p99 ≤ bound, 0 errors, every derived event, flat backlog): Reflex **")
        .append(reflexMax == 0 ? "none of the steps" : Math.round(reflexMax) + " ev/s")
        .append("**, ")
        .append(baselineLabel)
        .append(" **")
        .append(baselineMax == 0 ? "none" : Math.round(baselineMax) + " ev/s")
        .append(baselineCapped ? " (or more: the last step passed)" : "")
        .append("**");
    if (baselineMax > 0 && reflexMax > 0) {
      text.append(", R_thr = ")
          .append(ratio(reflexMax, baselineMax))
          .append(baselineCapped ? " (upper bound)" : "");
    }
    text.append(".\n");
  }

  String text() {
    return text.toString();
  }

  private static String percentiles(Histogram h) {
    return List.of(50.0, 99.0, 99.9).stream()
        .map(p -> millis(h.getValueAtPercentile(p)))
        .reduce((a, b) -> a + " / " + b)
        .orElseThrow();
  }

  private static String millis(long micros) {
    return String.format(Locale.ROOT, micros < 10_000 ? "%.2f" : "%.0f", micros / 1000.0);
  }

  private static String ratio(double value, double baseline) {
    return baseline == 0 ? "—" : String.format(Locale.ROOT, "%.2f", value / baseline);
  }

  private static String format(double value) {
    return Double.isNaN(value)
        ? "—"
        : String.format(Locale.ROOT, value < 10 ? "%.1f" : "%.0f", value);
  }
}
