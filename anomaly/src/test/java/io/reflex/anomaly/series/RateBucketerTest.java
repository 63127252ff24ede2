package io.reflex.anomaly.series;

import static org.assertj.core.api.Assertions.assertThat;

import io.reflex.anomaly.series.RateBucketer.Bucket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateBucketerTest {
  private static final long MINUTE = 60_000;
  private static final long T0 = 1_700_000_040_000L; // a minute boundary

  private static List<Bucket> feed(RateBucketer bucketer, long... times) {
    List<Bucket> out = new ArrayList<>();
    for (long t : times) {
      out.addAll(bucketer.add(t));
    }
    return out;
  }

  @Test
  void emitsCompletedBucketsInOrderWithZerosForQuietMinutes() {
    RateBucketer bucketer = new RateBucketer(MINUTE, 10);
    List<Bucket> out = feed(bucketer, T0 + 1, T0 + 59_999, T0 + MINUTE, T0 + 3 * MINUTE + 5);
    assertThat(out)
        .containsExactly(
            new Bucket(T0, 2), new Bucket(T0 + MINUTE, 1), new Bucket(T0 + 2 * MINUTE, 0));
  }

  @Test
  void boundsTheZerosOfALongGapThenJumps() {
    RateBucketer bucketer = new RateBucketer(MINUTE, 3);
    List<Bucket> out = feed(bucketer, T0, T0 + 1000 * MINUTE);
    assertThat(out)
        .containsExactly(
            new Bucket(T0, 1),
            new Bucket(T0 + MINUTE, 0),
            new Bucket(T0 + 2 * MINUTE, 0),
            new Bucket(T0 + 3 * MINUTE, 0));
    assertThat(bucketer.advanceTo(T0 + 1001 * MINUTE))
        .containsExactly(new Bucket(T0 + 1000 * MINUTE, 1));
  }

  @Test
  void countsOutOfOrderAndLateEventsWithoutReopeningBuckets() {
    RateBucketer bucketer = new RateBucketer(MINUTE, 10);
    List<Bucket> out =
        feed(
            bucketer,
            T0 + 50_000,
            T0 + MINUTE + 30_000,
            T0 + MINUTE + 10_000,
            T0 + 40_000,
            T0 + 2 * MINUTE);
    // The event at T0 + 40 s arrived after T0's bucket was emitted: it is counted in the open
    // bucket.
    assertThat(out).containsExactly(new Bucket(T0, 1), new Bucket(T0 + MINUTE, 3));
    assertThat(bucketer.lateEvents()).isEqualTo(1);
  }

  @Test
  void aWatermarkClosesBucketsWithoutEvents() {
    RateBucketer bucketer = new RateBucketer(MINUTE, 10);
    assertThat(bucketer.advanceTo(T0)).as("nothing seen yet").isEmpty();
    feed(bucketer, T0 + 5);
    assertThat(bucketer.advanceTo(T0 + 30_000)).isEmpty();
    assertThat(bucketer.advanceTo(T0 + 2 * MINUTE))
        .containsExactly(new Bucket(T0, 1), new Bucket(T0 + MINUTE, 0));
  }

  @Test
  void restoreContinuesExactly() {
    RateBucketer original = new RateBucketer(MINUTE, 5);
    feed(original, T0, T0 + 10, T0 + MINUTE + 1, T0 + 5);
    RateBucketer restored = RateBucketer.restore(MINUTE, 5, original.snapshot());
    long[] next = {T0 + MINUTE + 2, T0 + 4 * MINUTE, T0 + 30 * MINUTE};
    assertThat(feed(restored, next)).isEqualTo(feed(original, next));
    assertThat(restored.snapshot()).isEqualTo(original.snapshot());
  }
}
