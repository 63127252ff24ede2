package io.reflex.anomaly.detector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DetectorsTest {

  private static List<Verdict> run(Detector detector, double[] values) {
    List<Verdict> out = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      out.add(detector.observe(SyntheticSeries.time(i), values[i]));
    }
    return out;
  }

  private static List<Detector> valueAndRateDetectors() {
    return List.of(
        Detectors.create(Sensitivity.STANDARD), Detectors.createForRate(Sensitivity.STANDARD));
  }

  private static long alerts(List<Verdict> verdicts, int from, int to) {
    return verdicts.subList(from, to).stream().filter(Verdict::alert).count();
  }

  @Test
  void staysQuietOnSteadyData() {
    for (long seed = 1; seed <= 3; seed++) {
      List<Verdict> steady =
          run(Detectors.create(Sensitivity.STANDARD), SyntheticSeries.steady(4000, 10, 1, seed));
      assertThat(alerts(steady, 0, 4000)).as("seed %d", seed).isZero();
    }
  }

  /**
   * Warm-up (150 values) is shorter than a day of 5-minute values, so the first day's new highs and
   * lows may alert: the range rule cannot tell them from a real excursion yet. Once a full period
   * has been seen it must be quiet.
   */
  @Test
  void staysQuietOnPeriodicDataOnceAFullPeriodIsKnown() {
    for (long seed = 1; seed <= 3; seed++) {
      List<Verdict> daily =
          run(Detectors.create(Sensitivity.STANDARD), SyntheticSeries.dailyWave(4000, 1, seed));
      assertThat(alerts(daily, SyntheticSeries.PER_DAY, 4000)).as("seed %d", seed).isZero();
    }
  }

  @Test
  void catchesAnObviousSpikeWithOneAlert() {
    double[] values = SyntheticSeries.dailyWave(3000, 1, 7);
    values[2000] += 60;
    List<Verdict> verdicts = run(Detectors.create(Sensitivity.STANDARD), values);
    assertThat(verdicts.get(2000).alert()).isTrue();
    assertThat(verdicts.get(2000).score()).isGreaterThan(Detectors.threshold(Sensitivity.STANDARD));
    assertThat(verdicts.get(2000).reason()).isNotEmpty();
    assertThat(alerts(verdicts, SyntheticSeries.PER_DAY, 3000)).isEqualTo(1);
  }

  @Test
  void aLevelShiftIsOneEpisodeNotABurst() {
    double[] values = SyntheticSeries.steady(3000, 10, 1, 11);
    for (int i = 2000; i < 3000; i++) {
      values[i] += 15;
    }
    List<Verdict> verdicts = run(Detectors.create(Sensitivity.STANDARD), values);
    assertThat(alerts(verdicts, 1995, 2010)).isEqualTo(1);
    assertThat(alerts(verdicts, 0, 3000)).isLessThanOrEqualTo(2);
  }

  @Test
  void catchesAValueAtTheWrongHourOfTheDay() {
    double[] values = SyntheticSeries.dailyWave(288 * 12, 0.5, 5);
    // Six hours held at the daily peak, starting at the daily trough: normal values, abnormal time.
    int trough = 288 * 10 + 216;
    for (int i = trough - 36; i < trough + 36; i++) {
      values[i] = 70 + 0.5 * Math.sin(i);
    }
    List<Verdict> verdicts = run(Detectors.create(Sensitivity.STANDARD), values);
    assertThat(alerts(verdicts, trough - 36, trough + 36)).isEqualTo(1);
  }

  @Test
  void learnsBeforeScoring() {
    List<Verdict> verdicts =
        run(Detectors.create(Sensitivity.STANDARD), SyntheticSeries.steady(150, 10, 5, 3));
    assertThat(verdicts).allSatisfy(v -> assertThat(v.score()).isZero());
  }

  @Test
  void restoredDetectorContinuesBitIdentically() {
    double[] values = SyntheticSeries.dailyWave(5000, 2, 9);
    values[3000] += 40;
    continuesBitIdentically(Detectors.create(Sensitivity.STANDARD), values);
  }

  @Test
  void restoredRateDetectorContinuesBitIdentically() {
    double[] values = SyntheticSeries.steady(5000, 60, 8, 4);
    for (int i = 2990; i < 3040; i++) {
      values[i] = 0; // a drop: the level-shift view holds during it, a state the snapshot keeps
    }
    continuesBitIdentically(Detectors.createForRate(Sensitivity.STANDARD), values);
  }

  @Test
  void rateDetectorReportsARateFallingSilentAndNothingBefore() {
    double[] values = SyntheticSeries.steady(4000, 60, 8, 4);
    for (int i = 3000; i < 3060; i++) {
      values[i] = 0;
    }
    List<Verdict> verdicts = run(Detectors.createForRate(Sensitivity.STANDARD), values);
    assertThat(alerts(verdicts, 3000, 3060)).isPositive();
    assertThat(verdicts.subList(3000, 3060)).anySatisfy(v -> assertThat(v.reason()).isNotEmpty());
    assertThat(alerts(verdicts, 1000, 3000)).isZero();
  }

  /**
   * Event rates are counts: at a low rate their noise is skewed (mostly 0, 1 and 2 events per
   * bucket), which must not pass for a level shift, while a rate of two per bucket falling silent
   * for half an hour still must. Only the level-shift view's alerts are counted in the noise: the
   * range rule fires on new record counts by design (DETECTOR.md, known limitations).
   */
  @Test
  void rateDetectorSeesNoShiftInPoissonCountsButSeesThemFallSilent() {
    for (double mean : new double[] {0.5, 2}) {
      List<Verdict> verdicts =
          run(
              Detectors.createForRate(Sensitivity.STANDARD),
              SyntheticSeries.poisson(4000, mean, 3));
      assertThat(verdicts).as("mean %s", mean).noneSatisfy(DetectorsTest::levelShiftAlert);
    }
    double[] counts = SyntheticSeries.poisson(4000, 2, 4);
    for (int i = 3000; i < 3030; i++) {
      counts[i] = 0;
    }
    List<Verdict> verdicts = run(Detectors.createForRate(Sensitivity.STANDARD), counts);
    assertThat(verdicts.subList(3000, 3030)).anySatisfy(DetectorsTest::levelShiftAlert);
  }

  private static void levelShiftAlert(Verdict verdict) {
    assertThat(verdict.alert()).isTrue();
    assertThat(verdict.reason()).startsWith("level moved");
  }

  private static void continuesBitIdentically(Detector original, double[] values) {
    Detector restored = null;
    for (int i = 0; i < values.length; i++) {
      // Hop through several snapshots, including one inside the rest period after the spike.
      if (i == 1000 || i == 3001 || i == 4500) {
        restored = Detectors.restore(Sensitivity.STANDARD, original.snapshot());
      }
      Verdict expected = original.observe(SyntheticSeries.time(i), values[i]);
      if (restored != null) {
        assertThat(restored.observe(SyntheticSeries.time(i), values[i])).isEqualTo(expected);
      }
    }
    assertThat(restored.snapshot()).isEqualTo(original.snapshot());
  }

  @Test
  void stateIsSmallAndOfFixedSize() {
    for (Detector detector : valueAndRateDetectors()) {
      int initial = detector.snapshot().length;
      run(detector, SyntheticSeries.dailyWave(10_000, 3, 2));
      assertThat(detector.snapshot()).hasSize(initial);
      assertThat(initial).isLessThanOrEqualTo(4096);
    }
  }

  @Test
  void scoresStayInUnitIntervalOnHostileInput() {
    double[] values = {0, 0, 0, 1e15, -1e15, 0, Double.MIN_VALUE, 5, 5, 5};
    for (Detector detector :
        List.of(
            Detectors.create(Sensitivity.FEWER_MISSES),
            Detectors.createForRate(Sensitivity.FEWER_MISSES))) {
      for (int round = 0; round < 30; round++) {
        for (int i = 0; i < values.length; i++) {
          double score =
              detector.observe(SyntheticSeries.time(round * values.length + i), values[i]).score();
          assertThat(score).isBetween(0.0, 1.0);
        }
      }
    }
  }

  @Test
  void rejectsValuesThatAreNotNumbers() {
    Detector detector = Detectors.create(Sensitivity.STANDARD);
    assertThatIllegalArgumentException().isThrownBy(() -> detector.observe(0, Double.NaN));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> detector.observe(0, Double.POSITIVE_INFINITY));
  }

  /**
   * Formats 1 and 2 are the detectors before the self-calibrating blend, as a cluster running the
   * version before it stored them (written by that version, in src/test/resources/snapshots): a
   * replica continues from them, its blend learning afresh, and stores them in the new format.
   */
  @Test
  void continuesFromSnapshotsOfTheDetectorBeforeTheBlend() throws IOException {
    for (String name : List.of("detector-format-1.bin", "rate-detector-format-2.bin")) {
      byte[] old;
      try (InputStream in = getClass().getResourceAsStream("/snapshots/" + name)) {
        old = in.readAllBytes();
      }
      Detector restored = Detectors.restore(Sensitivity.STANDARD, old);
      byte[] now = restored.snapshot();
      assertThat(now[0]).as(name).isEqualTo((byte) (old[0] + 2));
      // The same state, with the blend's fresh error scales inserted where the format has them.
      int blendAt = 1;
      while (now[blendAt] == old[blendAt]) {
        blendAt++;
      }
      int blendBytes = now.length - old.length;
      assertThat(blendBytes).as(name).isEqualTo(32);
      assertThat(Arrays.copyOfRange(now, blendAt + blendBytes, now.length))
          .as(name)
          .isEqualTo(Arrays.copyOfRange(old, blendAt, old.length));
      Verdict next = restored.observe(1_700_000_000_000L + 600 * 1_800_000L, 10.0);
      assertThat(next.score()).as(name).isBetween(0.0, 1.0);
    }
  }

  @Test
  void rejectsForeignSnapshots() {
    byte[] gaussian = new WindowedGaussian(0.5).snapshot();
    gaussian[0] = 42;
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Detectors.restore(Sensitivity.STANDARD, gaussian));
  }
}
