package io.reflex.recommender;

import io.reflex.common.config.ConfigTree;
import io.reflex.recommender.model.InteractionType;
import io.reflex.recommender.model.ModelSettings;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Every setting of the recommender service ({@code recommender.*}), read once at start; the
 * defaults are those of {@code reflex-defaults.yaml}. The business controls among them (weights,
 * recency, history, excluded items) are applied over the model's tuned hyper-parameters ({@link
 * ModelSettings#defaults()}).
 *
 * @param mapping {@code recommender.mapping}: which events and fields carry shopping behaviour
 */
record RecommenderSettings(
    ModelSettings model,
    int topN,
    boolean pushOnChange,
    int maxShoppersTracked,
    int recentEventIds,
    long catchUpTimeoutMillis,
    long catchUpOverlapMillis,
    long ownersRefreshMillis,
    ConfigTree mapping) {

  /**
   * @param config the recommender verticle's configuration, possibly partial
   */
  static RecommenderSettings from(JsonObject config) {
    ConfigTree recommender = ConfigTree.of("recommender", config);
    return new RecommenderSettings(
        model(recommender),
        recommender.integer("topN"),
        recommender.flag("pushOnChange"),
        recommender.integer("maxShoppersTracked"),
        recommender.integer("recentEventIds"),
        recommender.wholeNumber("catchUpTimeoutMillis"),
        recommender.wholeNumber("catchUpOverlapMillis"),
        recommender.wholeNumber("ownersRefreshMillis"),
        recommender.at("mapping"));
  }

  private static ModelSettings model(ConfigTree recommender) {
    ConfigTree weights = recommender.at("weights");
    Set<String> excluded = new HashSet<>();
    recommender.list("excludedItems").forEach(item -> excluded.add(String.valueOf(item)));
    return ModelSettings.defaults().toBuilder()
        .weights(
            Map.of(
                InteractionType.VIEW,
                weights.decimal("view"),
                InteractionType.CART,
                weights.decimal("cart"),
                InteractionType.PURCHASE,
                weights.decimal("purchase")))
        .halfLifeHours(recommender.decimal("halfLifeHours"))
        .maxHistoryPerUser(recommender.integer("maxHistoryPerUser"))
        .userIdleExpiryHours(recommender.decimal("userIdleExpiryHours"))
        .excludedItems(excluded)
        .build();
  }
}
