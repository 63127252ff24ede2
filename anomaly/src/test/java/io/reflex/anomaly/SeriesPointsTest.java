package io.reflex.anomaly;

import io.reflex.anomaly.detector.Detector;
import io.reflex.anomaly.detector.Detectors;
import io.reflex.anomaly.detector.Sensitivity;
import io.reflex.anomaly.detector.Verdict;
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
      SeriesPoints batch = new SeriesPoints(Sensitivity.STANDARD, Arrays.copyOfRange(times, from, to),
          Arrays.copyOfRange(values, from, to));
      actual.addAll(store.update(SeriesPoints.MAP, "cpu", serialisedCopy(batch)).result());
    }

    assertThat(actual).isEqualTo(expected);
    assertThat(actual).anyMatch(Verdict::alert);
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
