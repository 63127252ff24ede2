package io.reflex.common.testing;

/** Reads a scrape of {@code /metrics} (Prometheus text format) the way the tests need it. */
public final class PrometheusText {

  private PrometheusText() {}

  /** The sum of every sample of {@code metric} (all its label sets), 0 when there is none. */
  public static double sum(String scrape, String metric) {
    return scrape
        .lines()
        .filter(line -> line.startsWith(metric + " ") || line.startsWith(metric + "{"))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }
}
