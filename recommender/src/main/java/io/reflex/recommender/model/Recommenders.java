package io.reflex.recommender.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Builds the default model and the baselines of recommender/RECOMMENDER.md ("Baselines") by name,
 * so the evaluator and the service can pick any of them. A name may carry its parameter after a
 * colon, e.g. {@code rpop:5000}, {@code sr:10}.
 */
public final class Recommenders {
  /** The names {@link #create} accepts (parameters shown with their defaults). */
  public static final List<String> NAMES =
      List.of(
          "default",
          "pop",
          "rpop:1000",
          "spop:50",
          "iknn-last",
          "iknn-hist:5",
          "sr:5",
          "vsknn:100",
          "stan:100",
          "vstan:100");

  /**
   * The baselines' co-occurrence window and session length, per the notes ("the user's last ~50
   * items").
   */
  private static final int CLASSIC_HISTORY = 50;

  private static final int VSKNN_SAMPLE = 500;

  /**
   * The default's short "see it again" window (events) and how many of the user's distinct items
   * its wide co-occurrence lanes score from (learning pairs over {@link
   * ModelSettings#coOccurrenceWindow()} is apart from it).
   */
  private static final int SHORT_HISTORY = 15;

  private static final int WIDE_HISTORY = 10;
  private static final int VSKNN_MAX_SESSIONS = 200_000;

  private Recommenders() {}

  /**
   * The strong default: a blend of "see it again" (the user's recent items, recency and type
   * weighted), sequential rules and co-occurrence over the user's last few items (counts decaying
   * with {@link ModelSettings#halfLifeHours()}), and for cold users and top-ups a popularity list
   * decaying much faster ({@link ModelSettings#trendHalfLifeHours()}): what is hot now.
   */
  public static Recommender createDefault(ModelSettings settings) {
    int history = settings.historyItemsScored();
    ItemCatalog items = new ItemCatalog(settings.maxItems());
    CoOccurrenceScorer coOccurrence =
        new CoOccurrenceScorer(settings, items, history, CoOccurrenceScorer.Similarity.CONDITIONAL);
    SequentialRuleScorer rules = new SequentialRuleScorer(settings, items, history, true);
    // lanes in AdaptiveBlend's order: own items, then relations decaying, then the same lasting;
    // the views of one relation are read together, and learn once; the wide co-occurrence lanes
    // read only the heads of items older than the narrow lanes' (whose whole lists are read
    // anyway), and those heads add only to the items the whole lists named
    List<AdaptiveBlend.Part> lanes =
        List.of(
            new AdaptiveBlend.Part(
                new RecentInteractionsScorer(
                    settings, Math.min(SHORT_HISTORY, settings.maxHistoryPerUser()), 0),
                0),
            new AdaptiveBlend.Part(
                new RecentInteractionsScorer(settings, settings.maxHistoryPerUser(), 0), 1),
            rules.views(
                new RelationScorer.View(2, history, false),
                new RelationScorer.View(5, 1, false),
                new RelationScorer.View(6, history, true),
                new RelationScorer.View(9, 1, true)),
            coOccurrence.views(
                new RelationScorer.View(3, history, false),
                new RelationScorer.View(4, WIDE_HISTORY, false, history),
                new RelationScorer.View(7, history, true),
                new RelationScorer.View(8, WIDE_HISTORY, true, history)));
    ItemScorer blend = new AdaptiveBlend(items, lanes);
    return new ScoredRecommender(
        settings,
        items,
        blend,
        List.of(new DecayedPopularity(items, settings.trendHalfLifeMillis())));
  }

  /**
   * A model by name: {@code default}, {@code pop}, {@code rpop[:window events]}, {@code
   * spop[:events]}, {@code iknn-last}, {@code iknn-hist[:items]}, {@code sr[:steps]}, {@code
   * vsknn[:neighbour sessions]}, {@code stan[:k]}, {@code vstan[:k]}. Baselines count every event
   * type equally and never decay (they are the textbook versions); they share the default's
   * neighbour, item and user caps but keep the notes' 50-event history and co-occurrence window
   * whatever the default's are.
   */
  public static Recommender create(String name, ModelSettings settings) {
    String[] parts = name.trim().toLowerCase(Locale.ROOT).split(":", 2);
    String kind = parts[0];
    if (kind.equals("default")) {
      if (parts.length > 1) {
        throw new IllegalArgumentException("default takes no parameter: " + name);
      }
      return createDefault(settings);
    }
    ModelSettings classic =
        settings.withUniformWeights().toBuilder()
            .halfLifeHours(Double.POSITIVE_INFINITY)
            .maxHistoryPerUser(CLASSIC_HISTORY)
            .coOccurrenceWindow(CLASSIC_HISTORY)
            .build();
    ItemCatalog items = new ItemCatalog(classic.maxItems());
    return switch (kind) {
      case "pop" -> popularityOnly(classic, items, List.of());
      case "rpop" ->
          popularityOnly(
              classic, items, List.of(new WindowPopularity(items, parameter(parts, 1000))));
      case "spop" ->
          withPop(
              classic, items, new RecentInteractionsScorer(classic, parameter(parts, 50), 0.999));
      case "iknn-last" ->
          withPop(
              classic,
              items,
              new CoOccurrenceScorer(classic, items, 1, CoOccurrenceScorer.Similarity.COSINE));
      case "iknn-hist" ->
          withPop(
              classic,
              items,
              new CoOccurrenceScorer(
                  classic, items, parameter(parts, 5), CoOccurrenceScorer.Similarity.COSINE));
      case "sr" -> {
        ModelSettings steps = classic.toBuilder().sequenceSteps(parameter(parts, 5)).build();
        yield withPop(steps, items, new SequentialRuleScorer(steps, items, 1, false));
      }
      case "vsknn" ->
          withPop(
              classic,
              items,
              new SessionKnnScorer(
                  classic, parameter(parts, 100), VSKNN_SAMPLE, VSKNN_MAX_SESSIONS));
      case "stan" ->
          withPop(
              classic,
              items,
              new TimeAwareSessionKnnScorer(
                  classic,
                  TimeAwareSessionKnnScorer.Params.stan(parameter(parts, 100)),
                  VSKNN_SAMPLE,
                  VSKNN_MAX_SESSIONS));
      case "vstan" ->
          withPop(
              classic,
              items,
              new TimeAwareSessionKnnScorer(
                  classic,
                  TimeAwareSessionKnnScorer.Params.vstan(parameter(parts, 100)),
                  VSKNN_SAMPLE,
                  VSKNN_MAX_SESSIONS));
      default -> throw new IllegalArgumentException("unknown model " + name + "; known: " + NAMES);
    };
  }

  private static Recommender popularityOnly(
      ModelSettings classic, ItemCatalog items, List<PopularityRanking> recent) {
    List<PopularityRanking> rankings = new ArrayList<>(recent);
    rankings.add(allTimePopularity(items));
    return new ScoredRecommender(classic, items, ItemScorer.NONE, rankings);
  }

  private static Recommender withPop(ModelSettings classic, ItemCatalog items, ItemScorer scorer) {
    return new ScoredRecommender(classic, items, scorer, List.of(allTimePopularity(items)));
  }

  private static PopularityRanking allTimePopularity(ItemCatalog items) {
    return new DecayedPopularity(items, Double.POSITIVE_INFINITY);
  }

  private static int parameter(String[] parts, int fallback) {
    if (parts.length < 2) {
      return fallback;
    }
    int value = Integer.parseInt(parts[1]);
    if (value <= 0) {
      throw new IllegalArgumentException("model parameter must be > 0: " + String.join(":", parts));
    }
    return value;
  }
}
