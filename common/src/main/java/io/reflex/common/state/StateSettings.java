package io.reflex.common.state;

import io.vertx.core.json.JsonObject;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * The {@code state} configuration subtree: how long an entry of each map may stay untouched before it is removed.
 *
 * @param maxIdleSeconds per map name; a map not named, or 0, keeps its entries until they are removed
 */
public record StateSettings(Map<String, Integer> maxIdleSeconds) {

  public static StateSettings from(JsonObject state) {
    JsonObject idle = state.getJsonObject("maxIdleSeconds", new JsonObject());
    return new StateSettings(idle.fieldNames().stream()
        .collect(Collectors.toUnmodifiableMap(name -> name, idle::getInteger)));
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
