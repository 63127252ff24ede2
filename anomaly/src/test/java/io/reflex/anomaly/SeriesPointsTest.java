package io.reflex.anomaly;

import io.reflex.anomaly.detector.Detector;
import io.reflex.anomaly.detector.Detectors;
import io.reflex.anomaly.detector.Sensitivity;
import io.reflex.anomaly.detector.Verdict;
import io.reflex.common.event.LogPosition;
import io.reflex.common.state.InMemoryStateStore;
import io.reflex.common.state.StateSettings;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class SeriesPointsTest {

  private static final long START = 1_700_000_000_000L;

  @Test
  @DisplayName("a series scored batch by batch through the store scores exactly as one detector kept in memory")
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

    InMemoryStateStore store = new InMemoryStateStore(StateSettings.none());
    List<Verdict> actual = new ArrayList<>();
    for (int from = 0, size = 1; from < points; from += size, size = size % 17 + 1) {
      int to = Math.min(points, from + size);
      long[] unlogged = new long[to - from];
      Arrays.fill(unlogged, LogPosition.NONE);
      SeriesPoints batch = new SeriesPoints(Sensitivity.STANDARD, Arrays.copyOfRange(times, from, to),
          Arrays.copyOfRange(values, from, to), unlogged);
      actual.addAll(store.update(SeriesPoints.MAP, "cpu", serialisedCopy(batch)).result().verdicts());
    }

    assertThat(actual).isEqualTo(expected);
    assertThat(actual).anyMatch(Verdict::alert);
  }

  @Test
  @DisplayName("logged points retried, whole or in part, get their first verdicts and are observed once")
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

    InMemoryStateStore store = new InMemoryStateStore(StateSettings.none());
    Verdict[] actual = new Verdict[points];
    int from = 0;
    while (from < points) {
      int to = Math.min(points, from + 25);
      List<Verdict> first = score(store, times, values, positions, from, to);
      // The router died before committing: the same records come again, polled with different batch boundaries.
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
  @DisplayName("a retry that re-reads a large first batch in small batches finds every verdict it repeats")
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
    InMemoryStateStore store = new InMemoryStateStore(StateSettings.none());
    List<Verdict> first = score(store, times, values, positions, 0, points); // the outputs of this pass were lost
    List<Verdict> again = new ArrayList<>();
    for (int from = 0; from < points; from += 2) {
      again.addAll(score(store, times, values, positions, from, from + 2));
    }
    assertThat(again).isEqualTo(first).doesNotContainNull();
  }

  private static List<Verdict> score(InMemoryStateStore store, long[] times, double[] values, long[] positions,
                                     int from, int to) {
    SeriesPoints batch = new SeriesPoints(Sensitivity.STANDARD, Arrays.copyOfRange(times, from, to),
        Arrays.copyOfRange(values, from, to), Arrays.copyOfRange(positions, from, to));
    return store.update(SeriesPoints.MAP, "level", serialisedCopy(batch)).result().verdicts();
  }

  /** What a Hazelcast member receives: the update after Java serialisation. */
  @SuppressWarnings("unchecked")
  private static <T> T serialisedCopy(T value) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
        out.writeObject(value);
      }
      try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
        return (T) in.readObject();
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
