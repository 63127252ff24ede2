package io.reflex.anomaly.nab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Nested cross-validation on hand-made score arrays, and the folds of the dev set. */
class CrossValidationTest {
  private static final List<String> NAMES =
      List.of("catA/a1.csv", "catA/a2.csv", "catB/b1.csv", "catC/c1.csv", "catD/d1.csv");
  private static final Window WINDOW = new Window(400, 449);

  private static List<ScoredSeries> corpus(Function<String, double[]> scores) {
    return NAMES.stream().map(n -> new ScoredSeries(n, scores.apply(n), List.of(WINDOW))).toList();
  }

  private static double[] spikeAt(int row) {
    double[] s = new double[1000];
    s[row] = 1.0;
    return s;
  }

  @Test
  void choosesTheSettingThatGeneralisesAndScoresEachFoldHeldOut() {
    Map<String, List<ScoredSeries>> candidates = new LinkedHashMap<>();
    // Fires on every window's left edge of catA only, and at a false alarm elsewhere: fits one
    // fold, not the rest.
    candidates.put("overfit", corpus(n -> spikeAt(n.startsWith("catA") ? 400 : 800)));
    candidates.put("general", corpus(n -> spikeAt(400)));
    List<CrossValidation.FoldResult> folds = new CrossValidation(candidates).run();

    assertThat(folds)
        .extracting(CrossValidation.FoldResult::fold)
        .containsExactly("catA", "catB", "catC", "catD");
    assertThat(folds)
        .allSatisfy(
            f -> {
              assertThat(f.chosen()).isEqualTo("general");
              assertThat(f.profiles().get(CostProfile.STANDARD).normalisedScore()).isEqualTo(100.0);
            });
    assertThat(folds.get(0).windows()).isEqualTo(2);
  }

  @Test
  void aThresholdFromTheTrainingFoldsCanMissOnTheHeldOutFold() {
    Map<String, List<ScoredSeries>> candidates = new LinkedHashMap<>();
    // catD's detection scores lower than the others': the training folds' threshold (1.0) does not
    // reach it.
    candidates.put(
        "only",
        corpus(
            n -> {
              double[] s = spikeAt(400);
              s[400] = n.startsWith("catD") ? 0.5 : 1.0;
              return s;
            }));
    CrossValidation.FoldResult heldD = new CrossValidation(candidates).run().get(3);
    assertThat(heldD.profiles().get(CostProfile.STANDARD).threshold()).isEqualTo(1.0);
    assertThat(heldD.profiles().get(CostProfile.STANDARD).normalisedScore()).isEqualTo(0.0);
  }

  @Test
  void devSetFoldsAreTheKindsOfSeriesWithRelatedSeriesTogether() {
    Map<String, List<String>> folds = SeriesFolds.folds(NabDevSet.labels().seriesNames());
    assertThat(folds)
        .containsOnlyKeys(
            "artificial",
            "realAWSCloudwatch",
            "realAdExchange",
            "realKnownCause",
            "realTraffic",
            "realTweets");
    assertThat(folds.get("artificial")).hasSize(11);
    assertThat(SeriesFolds.relatedKey("realTraffic/occupancy_6005.csv"))
        .isEqualTo(SeriesFolds.relatedKey("realTraffic/speed_6005.csv"));
    assertThat(SeriesFolds.relatedKey("realAdExchange/exchange-2_cpc_results.csv"))
        .isEqualTo(SeriesFolds.relatedKey("realAdExchange/exchange-2_cpm_results.csv"))
        .isNotEqualTo(SeriesFolds.relatedKey("realAdExchange/exchange-3_cpc_results.csv"));
    assertThatThrownBy(() -> SeriesFolds.folds(List.of("catA/speed_1.csv", "catB/occupancy_1.csv")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("sensor 1");
  }
}
