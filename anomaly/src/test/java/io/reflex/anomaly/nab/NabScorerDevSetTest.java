package io.reflex.anomaly.nab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/**
 * Hand-made checks of NAB's scoring rules (windows, probation, the sigmoid), computed on the
 * nab-dev labels.
 */
class NabScorerDevSetTest {

  /** Builds 0/1 scores per series: {@code mark} sets 1.0 where a detection is wanted. */
  private static NabScorer scorer(BiConsumer<double[], List<Window>> mark) {
    NabLabels labels = NabDevSet.labels();
    return new NabScorer(
        NabDevSet.corpus().stream()
            .map(
                series -> {
                  List<Window> windows = labels.windowsOf(series);
                  double[] scores = new double[series.size()];
                  mark.accept(scores, windows);
                  return new ScoredSeries(series.name(), scores, windows);
                })
            .toList());
  }

  private static void assertOptimised(
      NabScorer scorer, double standard, double lowFp, double lowFn) {
    assertThat(scorer.optimise(CostProfile.STANDARD).normalisedScore())
        .isCloseTo(standard, within(0.01));
    assertThat(scorer.optimise(CostProfile.REWARD_LOW_FP_RATE).normalisedScore())
        .isCloseTo(lowFp, within(0.01));
    assertThat(scorer.optimise(CostProfile.REWARD_LOW_FN_RATE).normalisedScore())
        .isCloseTo(lowFn, within(0.01));
  }

  @Test
  void devSetHasItsDocumentedShape() {
    assertThat(NabDevSet.corpus()).hasSize(36);
    assertThat(NabDevSet.corpus().stream().mapToInt(NabSeries::size).sum()).isEqualTo(212_625);
    assertThat(
            NabDevSet.corpus().stream().mapToInt(s -> NabDevSet.labels().windowsOf(s).size()).sum())
        .isEqualTo(62);
  }

  @Test
  void neverFiringScoresZero() {
    NabScorer scorer = scorer((scores, windows) -> {});
    assertOptimised(scorer, 0, 0, 0);
    assertThat(scorer.optimise(CostProfile.STANDARD).threshold()).isInfinite();
  }

  @Test
  void firstRowOfEveryWindowScoresHundredAndInWindowExtrasAreFree() {
    assertOptimised(
        scorer((scores, windows) -> windows.forEach(w -> scores[w.left()] = 1.0)), 100, 100, 100);
    assertOptimised(
        scorer(
            (scores, windows) ->
                windows.forEach(
                    w -> {
                      for (int i = w.left(); i <= w.left() + 10; i++) {
                        scores[i] = 1.0;
                      }
                    })),
        100,
        100,
        100);
  }

  @Test
  void middleRowOfEveryWindow() {
    assertOptimised(
        scorer((scores, windows) -> windows.forEach(w -> scores[(w.left() + w.right()) / 2] = 1.0)),
        93.12,
        93.12,
        95.41);
  }

  @Test
  void lastRowOfEveryWindow() {
    assertOptimised(
        scorer((scores, windows) -> windows.forEach(w -> scores[w.right()] = 1.0)),
        50.89,
        50.89,
        67.26);
  }

  @Test
  void everyHundredthRowIsNotWorthFiringButCostsAtAFixedThreshold() {
    NabScorer scorer =
        scorer(
            (scores, windows) -> {
              for (int i = 0; i < scores.length; i += 100) {
                scores[i] = 1.0;
              }
            });
    assertOptimised(scorer, 0, 0, 0);
    assertThat(scorer.scoreAt(CostProfile.STANDARD, 1.0).normalisedScore())
        .isCloseTo(-63.36, within(0.01));
    assertThat(scorer.scoreAt(CostProfile.REWARD_LOW_FP_RATE, 1.0).normalisedScore())
        .isCloseTo(-212.82, within(0.01));
    assertThat(scorer.scoreAt(CostProfile.REWARD_LOW_FN_RATE, 1.0).normalisedScore())
        .isCloseTo(-12.67, within(0.01));
  }
}
