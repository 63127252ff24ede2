package io.reflex.anomaly.detector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class AnomalyLikelihoodTest {

  @Test
  void aBurstOnAQuietSeriesScoresHighAndTheSameBurstOnANoisySeriesDoesNot() {
    AnomalyLikelihood quiet = new AnomalyLikelihood(10, 0.001);
    AnomalyLikelihood noisy = new AnomalyLikelihood(10, 0.001);
    Random random = new Random(3);
    for (int i = 0; i < 2000; i++) {
      quiet.score(0.01);
      noisy.score(random.nextDouble());
    }
    double quietBurst = 0;
    double noisyBurst = 0;
    for (int i = 0; i < 5; i++) {
      quietBurst = Math.max(quietBurst, quiet.score(0.9));
      noisyBurst = Math.max(noisyBurst, noisy.score(0.9));
    }
    assertThat(quietBurst).isGreaterThan(0.9);
    // Well under the alert threshold (~0.41): on this series a short burst of 0.9 is ordinary.
    assertThat(noisyBurst).isLessThan(0.3);
  }

  @Test
  void staysInTheUnitIntervalWhenSurpriseCollapses() {
    AnomalyLikelihood likelihood = new AnomalyLikelihood(10, 0.001);
    for (int i = 0; i < 2000; i++) {
      likelihood.score(1.0);
    }
    // Far below the long-run mean: likelihood 0, the bottom edge of the log scale.
    for (int i = 0; i < 20; i++) {
      assertThat(likelihood.score(0.0)).isBetween(0.0, 1.0);
    }
  }
}
