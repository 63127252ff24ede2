package io.reflex.anomaly.detector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class GaussianTailTest {

  @Test
  void matchesKnownTailProbabilities() {
    assertThat(GaussianTail.q(0)).isCloseTo(0.5, within(1e-7));
    assertThat(GaussianTail.q(1)).isCloseTo(0.158655254, within(1e-7));
    assertThat(GaussianTail.q(3)).isCloseTo(1.349898e-3, within(1e-9));
    assertThat(GaussianTail.q(-2)).isCloseTo(0.977249868, within(1e-7));
    assertThat(GaussianTail.q(6) / 9.8658765e-10).isCloseTo(1.0, within(1e-6));
  }
}
