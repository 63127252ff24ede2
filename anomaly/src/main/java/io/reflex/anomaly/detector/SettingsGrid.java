package io.reflex.anomaly.detector;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The candidate settings the cross-validation chooses among (anomaly/DETECTOR.md): the shipped
 * settings without the shape view first, then a grid over the knobs whose halving or doubling moved
 * the dev score most, then the shipped settings. Kept small on purpose: every candidate is a chance
 * to fit the dev files.
 */
public final class SettingsGrid {

  private SettingsGrid() {}

  /** Candidates by name, the simplest first (an earlier candidate wins ties). */
  public static Map<String, Settings> candidates() {
    Settings withoutShapes = Settings.DEFAULT.withShapes(false);
    Map<String, Settings> out = new LinkedHashMap<>();
    out.put("no-shapes", withoutShapes);
    for (int averageOver : new int[] {5, 10, 20}) {
      for (double likelihoodAlpha : new double[] {0.001, 0.003}) {
        for (double weightSeasonal : new double[] {1.0, 3.0}) {
          Settings s = withoutShapes.with(averageOver, likelihoodAlpha, weightSeasonal);
          if (!s.equals(withoutShapes)) {
            out.put("avg" + averageOver + "/la" + likelihoodAlpha + "/ws" + weightSeasonal, s);
          }
        }
      }
    }
    // The shape view is one candidate (anomaly/DETECTOR.md, issue #16): the folds decide whether it
    // holds up, instead of it being switched on after seeing the held-out scores. They choose it.
    out.put("shipped", Settings.DEFAULT);
    return out;
  }
}
