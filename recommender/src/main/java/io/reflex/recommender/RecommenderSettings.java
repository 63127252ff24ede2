package io.reflex.recommender;

import io.reflex.recommender.model.InteractionType;
import io.reflex.recommender.model.ModelSettings;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** The business controls of {@code recommender.*} in the configuration, applied over the model's defaults. */
final class RecommenderSettings {

  private RecommenderSettings() {
  }

  static ModelSettings from(JsonObject config) {
    ModelSettings defaults = ModelSettings.defaults();
    ModelSettings.Builder builder = defaults.toBuilder();
    JsonObject weights = config.getJsonObject("weights");
    if (weights != null) {
      Map<InteractionType, Double> map = new EnumMap<>(InteractionType.class);
      map.put(InteractionType.VIEW, weights.getDouble("view", defaults.weight(InteractionType.VIEW)));
      map.put(InteractionType.CART, weights.getDouble("cart", defaults.weight(InteractionType.CART)));
      map.put(InteractionType.PURCHASE, weights.getDouble("purchase", defaults.weight(InteractionType.PURCHASE)));
      builder.weights(map);
    }
    if (config.containsKey("halfLifeHours")) {
      builder.halfLifeHours(config.getDouble("halfLifeHours"));
    }
    if (config.containsKey("maxHistoryPerUser")) {
      builder.maxHistoryPerUser(config.getInteger("maxHistoryPerUser"));
    }
    if (config.containsKey("userIdleExpiryHours")) {
      builder.userIdleExpiryHours(config.getDouble("userIdleExpiryHours"));
    }
    JsonArray excluded = config.getJsonArray("excludedItems");
    if (excluded != null) {
      Set<String> items = new HashSet<>();
      excluded.forEach(item -> items.add(String.valueOf(item)));
      builder.excludedItems(items);
    }
    return builder.build();
  }
}
