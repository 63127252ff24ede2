package io.reflex.gateway.resume;

import io.reflex.common.config.ConfigTree;
import io.vertx.core.json.JsonObject;

/** {@code gateway.resume}: how much of the output log subscriptions may read to catch up. */
public record ResumeSettings(int maxCatchUps, int eventsPerSecond, int dedupLookback) {

  /**
   * @param config {@code gateway.resume}, possibly partial (completed with the defaults); may be
   *     null
   */
  public static ResumeSettings from(JsonObject config) {
    ConfigTree resume = ConfigTree.of("gateway.resume", config);
    ResumeSettings settings =
        new ResumeSettings(
            resume.integer("maxCatchUps"),
            resume.integer("eventsPerSecond"),
            resume.integer("dedupLookback"));
    if (settings.maxCatchUps < 1 || settings.eventsPerSecond < 1 || settings.dedupLookback < 0) {
      throw new IllegalArgumentException(
          "gateway.resume: maxCatchUps and eventsPerSecond must be positive and "
              + "dedupLookback not negative, was "
              + settings);
    }
    return settings;
  }

  /**
   * Records per read: a tenth of a second's worth, so the rate is kept smoothly, and never more
   * than 500.
   */
  public int chunk() {
    return Math.max(1, Math.min(500, eventsPerSecond / 10));
  }
}
