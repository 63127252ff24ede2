package io.reflex.common.state;

import io.reflex.common.config.ConfigTree;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The {@code state} configuration subtree: how long an entry of each map may stay untouched before
 * it is removed.
 *
 * @param maxIdleSeconds per map name; a map not named, or 0, keeps its entries until they are
 *     removed
 */
public record StateSettings(Map<String, Integer> maxIdleSeconds) {

  /**
   * @param state the {@code state} subtree, possibly partial (completed with the defaults)
   */
  public static StateSettings from(JsonObject state) {
    ConfigTree idle = ConfigTree.of("state", state).at("maxIdleSeconds");
    return new StateSettings(
        idle.json().fieldNames().stream()
            .collect(Collectors.toUnmodifiableMap(name -> name, idle::integer)));
  }

  public static StateSettings none() {
    return new StateSettings(Map.of());
  }

  public int maxIdleSeconds(String map) {
    return maxIdleSeconds.getOrDefault(map, 0);
  }

  long maxIdleMillis(String map) {
    return maxIdleSeconds(map) * 1000L;
  }
}
