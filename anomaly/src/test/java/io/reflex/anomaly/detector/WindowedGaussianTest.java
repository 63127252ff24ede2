package io.reflex.anomaly.detector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class WindowedGaussianTest {

  @Test
  void scoresOneMinusTheGaussianTail() {
    WindowedGaussian detector = new WindowedGaussian(0.99);
    assertThat(detector.observe(0, 10).score()).as("nothing learnt yet").isZero();
    detector.observe(1, 12);
    // Window {10, 12}: mean 11, population sd 1; 13 is 2 sd out: 1 - Q(2) = 0.97725.
    assertThat(detector.observe(2, 13).score()).isCloseTo(0.97725, within(1e-5));
    // Window {10, 12, 13}: mean 11.667; 11.667 sits at the mean.
    assertThat(detector.observe(3, 35.0 / 3).score())
        .as("at the mean")
        .isCloseTo(0.5, within(1e-6));
  }

  @Test
  void slidesByWholeStepsOnceTheWindowIsFull() {
    WindowedGaussian detector = new WindowedGaussian(0.99);
    for (int i = 0; i < WindowedGaussian.WINDOW; i++) {
      detector.observe(i, i % 2);
    }
    // Mean 0.5, sd 0.5. The next 99 values (all 100) wait in the step buffer and do not move the
    // statistics...
    for (int i = 0; i < WindowedGaussian.STEP - 1; i++) {
      assertThat(detector.observe(i, 0.5).score()).isCloseTo(0.5, within(1e-3));
    }
    detector.observe(0, 0.5);
    // ...the 100th shifts them: 100 values of 0.5 replaced 100 of the oldest ones, the spread
    // shrinks.
    assertThat(detector.observe(0, 1.0).score()).isGreaterThan(1.0 - GaussianTail.q(1.0));
  }

  @Test
  void alertsOnlyOnTheFirstPointOfAnEpisode() {
    WindowedGaussian detector = new WindowedGaussian(0.999);
    for (int i = 0; i < 500; i++) {
      detector.observe(i, i % 3);
    }
    assertThat(detector.observe(500, 100).alert()).isTrue();
    assertThat(detector.observe(501, 100).alert()).isFalse();
    assertThat(detector.observe(502, 1).alert()).isFalse();
    assertThat(detector.observe(503, 100).alert()).isTrue();
  }

  @Test
  void restoreContinuesExactly() {
    WindowedGaussian original = new WindowedGaussian(0.99);
    for (int i = 0; i < 7000; i++) {
      original.observe(i, Math.sin(i / 10.0));
    }
    WindowedGaussian restored = WindowedGaussian.restore(0.99, original.snapshot());
    for (int i = 7000; i < 7300; i++) {
      assertThat(restored.observe(i, Math.cos(i)).score())
          .isEqualTo(original.observe(i, Math.cos(i)).score());
    }
  }
}
