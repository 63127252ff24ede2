package io.reflex.anomaly.nab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.reflex.anomaly.detector.Detectors;
import io.reflex.anomaly.detector.Sensitivity;
import io.reflex.anomaly.detector.WindowedGaussian;
import org.junit.jupiter.api.Test;

/** The one test that replays the whole dev set: guards the default detector's quality and the floor. */
class DevSetScoreTest {

  private static NabScorer scorerFor(NabEvaluator evaluator) {
    return new NabScorer(evaluator.scoreAll(NabDevSet.corpus(), NabDevSet.labels(), (done, total, name) -> { }));
  }

  @Test
  void defaultDetectorMeetsItsTargetsAndWindowedGaussianReproducesNab() {
    NabScorer reflex = scorerFor(new NabEvaluator(() -> Detectors.create(Sensitivity.STANDARD)));
    assertThat(reflex.optimise(CostProfile.STANDARD).normalisedScore()).isGreaterThanOrEqualTo(72);
    assertThat(reflex.optimise(CostProfile.REWARD_LOW_FP_RATE).normalisedScore()).isGreaterThanOrEqualTo(66);
    assertThat(reflex.optimise(CostProfile.REWARD_LOW_FN_RATE).normalisedScore()).isGreaterThanOrEqualTo(76);
    // The shipped thresholds are the scorer's choice, so alerts in production mean what they meant here.
    assertThat(reflex.optimise(CostProfile.STANDARD).threshold()).isEqualTo(Detectors.threshold(Sensitivity.STANDARD));

    NabScorer floor = scorerFor(new NabEvaluator(() -> new WindowedGaussian(1.0)));
    assertThat(floor.optimise(CostProfile.STANDARD).normalisedScore()).isCloseTo(35.75, within(2.0));
    assertThat(floor.optimise(CostProfile.REWARD_LOW_FP_RATE).normalisedScore()).isCloseTo(21.44, within(2.0));
    assertThat(floor.optimise(CostProfile.REWARD_LOW_FN_RATE).normalisedScore()).isCloseTo(41.93, within(2.0));
  }
}
