package io.reflex.anomaly.detector;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The candidate settings the cross-validation chooses among (anomaly/DETECTOR.md): the shipped
 * settings first, then one grid over the likelihood's window and EW weight (the knobs whose halving
 * or doubling moved the dev score most) and the blend's EW weight (the one knob of {@link
 * SurpriseBlend}). Kept small on purpose: every candidate is a chance to fit the dev files.
 */
public final class SettingsGrid {

  private SettingsGrid() {}

  /** Candidates by name, the shipped settings first (it wins ties). */
  public static Map<String, Settings> candidates() {
    Map<String, Settings> out = new LinkedHashMap<>();
    out.put("shipped", Settings.DEFAULT);
    for (int averageOver : new int[] {5, 10, 20}) {
      for (double likelihoodAlpha : new double[] {0.001, 0.003}) {
        for (double blendAlpha : new double[] {0.003, 0.01, 0.03}) {
          Settings s = Settings.DEFAULT.with(averageOver, likelihoodAlpha, blendAlpha);
          if (!s.equals(Settings.DEFAULT)) {
            out.put("avg" + averageOver + "/la" + likelihoodAlpha + "/ba" + blendAlpha, s);
          }
        }
      }
    }
    return out;
  }
}
