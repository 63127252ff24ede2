package io.reflex.recommender.model;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * Hyper-parameters and bounds of every model. {@link #defaults()} is frozen: it was tuned on
 * simulator logs with a seed different from the one evaluated (RECOMMENDER.md), never on an
 * evaluated part.
 *
 * @param weights evidence weight per interaction type (popularity, rules, co-occurrence, repeat
 *     score)
 * @param halfLifeHours event-time half-life of item-relation counts; {@code Infinity} = no decay
 * @param trendHalfLifeHours event-time half-life of the default model's popularity list (cold
 *     users, top-ups): short, so the list shows what is bought now
 * @param maxHistoryPerUser recent events kept per user (older ones are forgotten)
 * @param neighboursPerItem related items kept per item (top-K after pruning)
 * @param excludedItems never recommended (e.g. out of stock, gift cards)
 * @param userIdleExpiryHours a user with no event for this long (event time) is forgotten
 * @param maxUsers hard cap on remembered users; the longest idle go first
 * @param maxItems hard cap on items with state; the least recently touched go first
 * @param maxPurchasedPerUser purchased items remembered per user for exclude-purchased
 * @param sessionGapMinutes inactivity that ends a session when events carry no session id
 * @param historyItemsScored how many of the user's most recent distinct items drive a
 *     recommendation
 * @param sequenceSteps how far ahead a sequential rule a -> b reaches (b within this many steps
 *     after a)
 * @param repeatWeight default model: share of the "see it again" signal (items the user just
 *     interacted with)
 * @param ruleWeight default model: share of the sequential-rule signal
 * @param coOccurrenceWeight default model: share of the co-occurrence signal
 * @param coOccurrenceWindow how many of the user's most recent distinct items an event's item is
 *     learnt to co-occur with (both ways), when it is not already among the user's remembered
 *     events; at most {@code maxHistoryPerUser} are there to pair with. Fewer pairs learn faster
 *     and, on long histories, tell more: the default's 10 replaced the whole history (50) on
 *     2026-12-04 (RECOMMENDER.md). The classic item-kNN baselines keep the notes' 50
 */
public record ModelSettings(
    Map<InteractionType, Double> weights,
    double halfLifeHours,
    double trendHalfLifeHours,
    int maxHistoryPerUser,
    int neighboursPerItem,
    Set<String> excludedItems,
    double userIdleExpiryHours,
    int maxUsers,
    int maxItems,
    int maxPurchasedPerUser,
    double sessionGapMinutes,
    int historyItemsScored,
    int sequenceSteps,
    double repeatWeight,
    double ruleWeight,
    double coOccurrenceWeight,
    int coOccurrenceWindow) {

  public ModelSettings {
    weights = Map.copyOf(weights);
    excludedItems = Set.copyOf(excludedItems);
    for (InteractionType type : InteractionType.values()) {
      if (!(weights.getOrDefault(type, 0.0) > 0)) {
        throw new IllegalArgumentException("weight of " + type + " must be > 0");
      }
    }
    requirePositive(halfLifeHours, "halfLifeHours");
    requirePositive(trendHalfLifeHours, "trendHalfLifeHours");
    requirePositive(maxHistoryPerUser, "maxHistoryPerUser");
    requirePositive(neighboursPerItem, "neighboursPerItem");
    requirePositive(userIdleExpiryHours, "userIdleExpiryHours");
    requirePositive(maxUsers, "maxUsers");
    requirePositive(maxItems, "maxItems");
    requirePositive(maxPurchasedPerUser, "maxPurchasedPerUser");
    requirePositive(sessionGapMinutes, "sessionGapMinutes");
    requirePositive(historyItemsScored, "historyItemsScored");
    requirePositive(sequenceSteps, "sequenceSteps");
    requirePositive(coOccurrenceWindow, "coOccurrenceWindow");
  }

  /**
   * The tuned hyper-parameters (see the class comment); the service lays recommender.* over them.
   */
  public static ModelSettings defaults() {
    Map<InteractionType, Double> weights = new EnumMap<>(InteractionType.class);
    weights.put(InteractionType.VIEW, 1.0);
    weights.put(InteractionType.CART, 3.0);
    weights.put(InteractionType.PURCHASE, 5.0);
    double halfLifeHours = 12;
    double trendHalfLifeHours = 1;
    int maxHistoryPerUser = 50;
    int neighboursPerItem = 50;
    double userIdleExpiryHours = 24 * 30;
    int maxUsers = 2_000_000;
    int maxItems = 200_000;
    int maxPurchasedPerUser = 50;
    double sessionGapMinutes = 30;
    int historyItemsScored = 2;
    int sequenceSteps = 2;
    double repeatWeight = 1.0;
    double ruleWeight = 1.0;
    double coOccurrenceWeight = 0.25;
    int coOccurrenceWindow = 10;
    return new ModelSettings(
        weights,
        halfLifeHours,
        trendHalfLifeHours,
        maxHistoryPerUser,
        neighboursPerItem,
        Set.of(),
        userIdleExpiryHours,
        maxUsers,
        maxItems,
        maxPurchasedPerUser,
        sessionGapMinutes,
        historyItemsScored,
        sequenceSteps,
        repeatWeight,
        ruleWeight,
        coOccurrenceWeight,
        coOccurrenceWindow);
  }

  public double weight(InteractionType type) {
    return weights.get(type);
  }

  /**
   * The weights indexed by {@link InteractionType#ordinal()}: what hot loops read instead of the
   * map.
   */
  double[] weightsByType() {
    InteractionType[] types = InteractionType.values();
    double[] byType = new double[types.length];
    for (InteractionType type : types) {
      byType[type.ordinal()] = weight(type);
    }
    return byType;
  }

  /**
   * The same bounds with every type weighing 1: the classic baselines count events, they do not
   * weigh them.
   */
  public ModelSettings withUniformWeights() {
    return toBuilder()
        .weights(
            Map.of(
                InteractionType.VIEW,
                1.0,
                InteractionType.CART,
                1.0,
                InteractionType.PURCHASE,
                1.0))
        .build();
  }

  /** {@link #halfLifeHours()} in milliseconds; infinite stays infinite (no decay). */
  public double halfLifeMillis() {
    return halfLifeHours * 3_600_000;
  }

  public double trendHalfLifeMillis() {
    return trendHalfLifeHours * 3_600_000;
  }

  public long userIdleExpiryMillis() {
    return (long) (userIdleExpiryHours * 3_600_000);
  }

  public long sessionGapMillis() {
    return (long) (sessionGapMinutes * 60_000);
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  private static void requirePositive(double value, String name) {
    if (!(value > 0)) {
      throw new IllegalArgumentException(name + " must be > 0, was " + value);
    }
  }

  /** Changes a few settings of an existing value; the record itself stays immutable. */
  public static final class Builder {
    private Map<InteractionType, Double> weights;
    private double halfLifeHours;
    private double trendHalfLifeHours;
    private int maxHistoryPerUser;
    private int neighboursPerItem;
    private Set<String> excludedItems;
    private double userIdleExpiryHours;
    private int maxUsers;
    private int maxItems;
    private int maxPurchasedPerUser;
    private double sessionGapMinutes;
    private int historyItemsScored;
    private int sequenceSteps;
    private double repeatWeight;
    private double ruleWeight;
    private double coOccurrenceWeight;
    private int coOccurrenceWindow;

    private Builder(ModelSettings s) {
      weights = s.weights;
      halfLifeHours = s.halfLifeHours;
      trendHalfLifeHours = s.trendHalfLifeHours;
      maxHistoryPerUser = s.maxHistoryPerUser;
      neighboursPerItem = s.neighboursPerItem;
      excludedItems = s.excludedItems;
      userIdleExpiryHours = s.userIdleExpiryHours;
      maxUsers = s.maxUsers;
      maxItems = s.maxItems;
      maxPurchasedPerUser = s.maxPurchasedPerUser;
      sessionGapMinutes = s.sessionGapMinutes;
      historyItemsScored = s.historyItemsScored;
      sequenceSteps = s.sequenceSteps;
      repeatWeight = s.repeatWeight;
      ruleWeight = s.ruleWeight;
      coOccurrenceWeight = s.coOccurrenceWeight;
      coOccurrenceWindow = s.coOccurrenceWindow;
    }

    public Builder weights(Map<InteractionType, Double> v) {
      weights = v;
      return this;
    }

    public Builder halfLifeHours(double v) {
      halfLifeHours = v;
      return this;
    }

    public Builder trendHalfLifeHours(double v) {
      trendHalfLifeHours = v;
      return this;
    }

    public Builder maxHistoryPerUser(int v) {
      maxHistoryPerUser = v;
      return this;
    }

    public Builder neighboursPerItem(int v) {
      neighboursPerItem = v;
      return this;
    }

    public Builder excludedItems(Set<String> v) {
      excludedItems = v;
      return this;
    }

    public Builder userIdleExpiryHours(double v) {
      userIdleExpiryHours = v;
      return this;
    }

    public Builder maxUsers(int v) {
      maxUsers = v;
      return this;
    }

    public Builder maxItems(int v) {
      maxItems = v;
      return this;
    }

    public Builder maxPurchasedPerUser(int v) {
      maxPurchasedPerUser = v;
      return this;
    }

    public Builder sessionGapMinutes(double v) {
      sessionGapMinutes = v;
      return this;
    }

    public Builder historyItemsScored(int v) {
      historyItemsScored = v;
      return this;
    }

    public Builder sequenceSteps(int v) {
      sequenceSteps = v;
      return this;
    }

    public Builder repeatWeight(double v) {
      repeatWeight = v;
      return this;
    }

    public Builder ruleWeight(double v) {
      ruleWeight = v;
      return this;
    }

    public Builder coOccurrenceWeight(double v) {
      coOccurrenceWeight = v;
      return this;
    }

    public Builder coOccurrenceWindow(int v) {
      coOccurrenceWindow = v;
      return this;
    }

    public ModelSettings build() {
      return new ModelSettings(
          weights,
          halfLifeHours,
          trendHalfLifeHours,
          maxHistoryPerUser,
          neighboursPerItem,
          excludedItems,
          userIdleExpiryHours,
          maxUsers,
          maxItems,
          maxPurchasedPerUser,
          sessionGapMinutes,
          historyItemsScored,
          sequenceSteps,
          repeatWeight,
          ruleWeight,
          coOccurrenceWeight,
          coOccurrenceWindow);
    }
  }
}
