package io.reflex.anomaly.nab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Small synthetic cases: one file of 1000 rows (probation 150) with one window of 100 rows at [500,
 * 599].
 */
class NabScorerTest {
  private static final List<Window> WINDOW = List.of(new Window(500, 599));

  private static NabScorer scorer(double[] scores) {
    return new NabScorer(List.of(new ScoredSeries("cat/file.csv", scores, WINDOW)));
  }

  private static double[] firing(int... rows) {
    double[] scores = new double[1000];
    for (int row : rows) {
      scores[row] = 1.0;
    }
    return scores;
  }

  @Test
  void leftEdgeDetectionEarnsTheFullReward() {
    NabScorer.ProfileScore result = scorer(firing(500)).scoreAt(CostProfile.STANDARD, 1.0);
    assertThat(result.rawScore()).isCloseTo(1.0, within(1e-12));
    assertThat(result.normalisedScore()).isCloseTo(100.0, within(1e-9));
  }

  @Test
  void aFalsePositiveBeforeTheWindowCostsTheFullFpWeight() {
    assertThat(scorer(firing(300, 500)).scoreAt(CostProfile.STANDARD, 1.0).rawScore())
        .isCloseTo(0.89, within(1e-12));
    assertThat(scorer(firing(300, 500)).scoreAt(CostProfile.REWARD_LOW_FP_RATE, 1.0).rawScore())
        .isCloseTo(0.78, within(1e-12));
  }

  @Test
  void rowsInProbationAreNotScored() {
    assertThat(scorer(firing(149, 500)).scoreAt(CostProfile.STANDARD, 1.0).rawScore())
        .isCloseTo(1.0, within(1e-12));
    assertThat(scorer(firing(150, 500)).scoreAt(CostProfile.STANDARD, 1.0).rawScore())
        .isCloseTo(0.89, within(1e-12));
  }

  @Test
  void aDetectionJustAfterTheWindowIsAlmostFree() {
    // y = |599 - 600| / 99: sigma close to 0, so the cost is small; far after the window it is the
    // full -0.11.
    double justAfter = scorer(firing(500, 600)).scoreAt(CostProfile.STANDARD, 1.0).rawScore() - 1.0;
    double farAfter = scorer(firing(500, 999)).scoreAt(CostProfile.STANDARD, 1.0).rawScore() - 1.0;
    assertThat(justAfter).isBetween(-0.01, 0.0);
    assertThat(farAfter).isCloseTo(-0.11 * 0.9999, within(0.0002));
  }

  @Test
  void aMissedWindowCostsTheFnWeight() {
    assertThat(scorer(firing()).scoreAt(CostProfile.STANDARD, 1.0).rawScore()).isEqualTo(-1.0);
    assertThat(scorer(firing()).scoreAt(CostProfile.REWARD_LOW_FN_RATE, 1.0).rawScore())
        .isEqualTo(-2.0);
  }

  @Test
  void theSweepPicksTheBestThresholdAndTiesEnterTogether() {
    double[] scores = new double[1000];
    scores[550] = 0.9; // inside the window: worth detecting
    scores[300] = 0.8; // a false positive above the window's other rows
    scores[520] = 0.8; // ...tied with an earlier in-window row: only together are they worth it
    scores[700] = 0.5; // a lone false positive: never worth it
    NabScorer.ProfileScore best = scorer(scores).optimise(CostProfile.STANDARD);
    assertThat(best.threshold()).isEqualTo(0.8);
    double at520 = RowValues.sigma(-(599 - 520 + 1) / 100.0) / RowValues.sigma(-1.0);
    assertThat(best.rawScore()).isCloseTo(at520 - 0.11, within(1e-12));
  }
}
