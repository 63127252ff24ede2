package io.reflex.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import io.reflex.anomaly.detector.Detector;
import io.reflex.anomaly.detector.Detectors;
import io.reflex.anomaly.detector.Sensitivity;
import io.reflex.anomaly.detector.Verdict;
import io.reflex.common.event.LogPosition;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SeriesPointsTest {

  private static final long START = 1_700_000_000_000L;

  @Test
  @DisplayName(
      "a series scored batch by batch, handed over through its snapshot after each, scores as one detector")
  void batchesThroughTheStoreMatchOneDetector() {
    int points = 1200;
    long[] times = new long[points];
    double[] values = new double[points];
    Random random = new Random(7);
    for (int i = 0; i < points; i++) {
      times[i] = START + i * 60_000L;
      values[i] = 50 + 10 * Math.sin(i / 40.0) + random.nextGaussian() + (i == 900 ? 40 : 0);
    }
    Detector reference = Detectors.create(Sensitivity.STANDARD);
    List<Verdict> expected = new ArrayList<>();
    for (int i = 0; i < points; i++) {
      expected.add(reference.observe(times[i], values[i]));
    }

    SeriesEntry entry = SeriesEntry.fresh(Sensitivity.STANDARD);
    List<Verdict> actual = new ArrayList<>();
    for (int from = 0, size = 1; from < points; from += size, size = size % 17 + 1) {
      int to = Math.min(points, from + size);
      long[] unlogged = new long[to - from];
      Arrays.fill(unlogged, LogPosition.NONE);
      SeriesPoints batch =
          new SeriesPoints(
              Arrays.copyOfRange(times, from, to), Arrays.copyOfRange(values, from, to), unlogged);
      actual.addAll(batch.observeIn(entry).verdicts());
      entry =
          SeriesEntry.decode(
              entry.encode(), Sensitivity.STANDARD); // the next replica continues from here
    }

    assertThat(actual).isEqualTo(expected);
    assertThat(actual).anyMatch(Verdict::alert);
  }

  @Test
  @DisplayName(
      "logged points retried, whole or in part, get their first verdicts and are observed once")
  void retriedLogPointsAreObservedOnce() {
    int points = 600;
    long[] times = new long[points];
    double[] values = new double[points];
    long[] positions = new long[points];
    Random random = new Random(11);
    for (int i = 0; i < points; i++) {
      times[i] = START + i * 60_000L;
      values[i] = 20 + random.nextGaussian() + (i == 500 ? 30 : 0);
      positions[i] = LogPosition.of(3, 1000 + i);
    }
    Detector reference = Detectors.create(Sensitivity.STANDARD);
    List<Verdict> expected = new ArrayList<>();
    for (int i = 0; i < points; i++) {
      expected.add(reference.observe(times[i], values[i]));
    }

    SeriesEntry[] store = {SeriesEntry.fresh(Sensitivity.STANDARD)};
    Verdict[] actual = new Verdict[points];
    int from = 0;
    while (from < points) {
      int to = Math.min(points, from + 25);
      List<Verdict> first = score(store, times, values, positions, from, to);
      // The router died before committing: the same records come again, polled with different batch
      // boundaries.
      int retryTo = Math.min(points, to + 7);
      List<Verdict> retried = score(store, times, values, positions, from, retryTo);
      assertThat(retried.subList(0, to - from)).isEqualTo(first);
      for (int i = from; i < retryTo; i++) {
        actual[i] = retried.get(i - from);
      }
      from = retryTo;
    }

    assertThat(Arrays.asList(actual)).isEqualTo(expected);
    assertThat(actual).anyMatch(Verdict::alert);
  }

  @Test
  @DisplayName(
      "a retry that re-reads a large first batch in small batches finds every verdict it repeats")
  void retryInSmallerBatchesFindsEveryVerdict() {
    int points = 120;
    long[] times = new long[points];
    double[] values = new double[points];
    long[] positions = new long[points];
    for (int i = 0; i < points; i++) {
      times[i] = START + i * 60_000L;
      values[i] = 10 + Math.sin(i);
      positions[i] = LogPosition.of(1, i);
    }
    SeriesEntry[] store = {SeriesEntry.fresh(Sensitivity.STANDARD)};
    List<Verdict> first =
        score(store, times, values, positions, 0, points); // the outputs of this pass were lost
    List<Verdict> again = new ArrayList<>();
    for (int from = 0; from < points; from += 2) {
      again.addAll(score(store, times, values, positions, from, from + 2));
    }
    assertThat(again).isEqualTo(first).doesNotContainNull();
  }

  /** Observes points {@code [from, to)} in the series, then hands it over through its snapshot. */
  private static List<Verdict> score(
      SeriesEntry[] series, long[] times, double[] values, long[] positions, int from, int to) {
    SeriesPoints batch =
        new SeriesPoints(
            Arrays.copyOfRange(times, from, to),
            Arrays.copyOfRange(values, from, to),
            Arrays.copyOfRange(positions, from, to));
    List<Verdict> verdicts = batch.observeIn(series[0]).verdicts();
    series[0] = SeriesEntry.decode(series[0].encode(), Sensitivity.STANDARD);
    return verdicts;
  }
}
