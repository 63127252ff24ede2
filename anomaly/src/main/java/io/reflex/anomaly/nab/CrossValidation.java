package io.reflex.anomaly.nab;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Nested cross-validation over {@link SeriesFolds}: for each held-out fold, the detector settings
 * are chosen by an inner leave-one-fold-out over the training folds only (standard profile, each
 * inner threshold optimised on the inner training part), then each profile's threshold is optimised
 * on the whole training part, and the held-out fold is scored at that threshold. Nothing about a
 * held-out fold (labels or scores) reaches any choice made for it.
 */
public final class CrossValidation {

  /**
   * What one held-out fold got: the settings chosen without it, and per profile its threshold and
   * score.
   */
  public record FoldResult(
      String fold, int windows, String chosen, Map<CostProfile, ProfileAt> profiles) {}

  /** A threshold chosen on the training part and the held-out normalised score at it. */
  public record ProfileAt(double threshold, double rawScore, double normalisedScore) {}

  private final Map<String, List<ScoredSeries>> candidates;
  private final Map<String, List<String>> folds;

  /**
   * Standard-profile thresholds by candidate and left-out folds: inner splits recur across outer
   * folds.
   */
  private final Map<List<Object>, Double> innerThresholds = new HashMap<>();

  /**
   * @param candidates each candidate setting's scores on the same corpus (same series), in
   *     preference order: on a tie the earlier candidate wins
   */
  public CrossValidation(Map<String, List<ScoredSeries>> candidates) {
    if (candidates.isEmpty()) {
      throw new IllegalArgumentException("no candidate settings to choose from");
    }
    this.candidates = new LinkedHashMap<>(candidates);
    List<String> names =
        candidates.values().iterator().next().stream().map(ScoredSeries::name).toList();
    this.folds = SeriesFolds.folds(names);
    if (folds.size() < 3) {
      throw new IllegalArgumentException(
          "nested cross-validation needs at least 3 folds, got " + folds.keySet());
    }
  }

  public Set<String> folds() {
    return folds.keySet();
  }

  public List<FoldResult> run() {
    List<FoldResult> out = new ArrayList<>();
    for (String held : folds.keySet()) {
      Predicate<String> training =
          inFolds(folds.keySet().stream().filter(f -> !f.equals(held)).toList());
      String chosen = choose(training, held);
      Map<CostProfile, ProfileAt> profiles = new LinkedHashMap<>();
      List<ScoredSeries> scores = candidates.get(chosen);
      List<ScoredSeries> heldOut = subset(scores, inFolds(List.of(held)));
      for (CostProfile profile : CostProfile.values()) {
        double threshold = new NabScorer(subset(scores, training)).optimise(profile).threshold();
        NabScorer.ProfileScore at = new NabScorer(heldOut).scoreAt(profile, threshold);
        profiles.put(profile, new ProfileAt(threshold, at.rawScore(), at.normalisedScore()));
      }
      int windows = heldOut.stream().mapToInt(s -> s.windows().size()).sum();
      out.add(new FoldResult(held, windows, chosen, profiles));
    }
    return out;
  }

  /**
   * The same choice made on every fold: the settings the procedure ships when all the data is its
   * training part. Scored by {@link #run()} only through the folds that held it out, never by
   * itself.
   */
  public String chooseOnAll() {
    return choose(series -> true, null);
  }

  /**
   * The candidate with the best mean inner held-out standard score, using the training folds only.
   */
  private String choose(Predicate<String> training, String held) {
    List<String> inner = folds.keySet().stream().filter(f -> !f.equals(held)).toList();
    String best = null;
    double bestMean = Double.NEGATIVE_INFINITY;
    for (Map.Entry<String, List<ScoredSeries>> candidate : candidates.entrySet()) {
      double sum = 0;
      for (String innerHeld : inner) {
        Predicate<String> innerTraining = training.and(inFolds(List.of(innerHeld)).negate());
        Set<String> left = held == null ? Set.of(innerHeld) : Set.of(held, innerHeld);
        double threshold =
            innerThresholds.computeIfAbsent(
                List.of(candidate.getKey(), left),
                k ->
                    new NabScorer(subset(candidate.getValue(), innerTraining))
                        .optimise(CostProfile.STANDARD)
                        .threshold());
        sum +=
            new NabScorer(subset(candidate.getValue(), inFolds(List.of(innerHeld))))
                .scoreAt(CostProfile.STANDARD, threshold)
                .normalisedScore();
      }
      double mean = sum / inner.size();
      if (mean > bestMean) {
        bestMean = mean;
        best = candidate.getKey();
      }
    }
    return best;
  }

  private static Predicate<String> inFolds(List<String> names) {
    Set<String> set = Set.copyOf(names);
    return series -> set.contains(SeriesFolds.foldOf(series));
  }

  private static List<ScoredSeries> subset(List<ScoredSeries> corpus, Predicate<String> keep) {
    return corpus.stream().filter(s -> keep.test(s.name())).collect(Collectors.toList());
  }
}
