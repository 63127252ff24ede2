package io.reflex.anomaly.detector;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The candidate settings the cross-validation chooses among (anomaly/DETECTOR.md): the shipped
 * settings first, then the knobs whose halving or doubling moved the dev score most, one grid. Kept
 * small on purpose: every candidate is a chance to fit the dev files.
 */
public final class SettingsGrid {

  private SettingsGrid() {}

  /** Candidates by name, the shipped settings first (it wins ties). */
  public static Map<String, Settings> candidates() {
    Map<String, Settings> out = new LinkedHashMap<>();
    out.put("shipped", Settings.DEFAULT);
    for (int averageOver : new int[] {5, 10, 20}) {
      for (double likelihoodAlpha : new double[] {0.001, 0.003}) {
        for (double weightSeasonal : new double[] {1.0, 3.0}) {
          Settings s = Settings.DEFAULT.with(averageOver, likelihoodAlpha, weightSeasonal);
          if (!s.equals(Settings.DEFAULT)) {
            out.put("avg" + averageOver + "/la" + likelihoodAlpha + "/ws" + weightSeasonal, s);
          }
        }
      }
    }
    return out;
  }
}
