package io.reflex.router;

import io.reflex.common.config.ConfigTree;
import io.reflex.router.log.LogSettings;
import io.reflex.router.sequence.SequenceLimits;
import io.vertx.core.json.JsonObject;

/**
 * Every setting of the router ({@code router.*}), read once at start; the defaults are those of
 * {@code reflex-defaults.yaml}.
 *
 * @param rulesPath empty: the rules bundled in the jar
 * @param ownersRefreshMillis how often the owners of keyed deliveries (anomaly series) are re-read
 * @param handOverMillis fast mode: how long an unacknowledged keyed delivery waits for a new owner
 * @param telemetryTopRules per-rule metrics name this many of the busiest rules; the rest are
 *     summed as "other"
 * @param telemetryPeriodMs how often the per-rule rates and the top rules are recomputed
 */
record RouterSettings(
    String rulesPath,
    long rulesScanPeriodMs,
    int maxDepth,
    SequenceLimits sequenceLimits,
    long sequenceTimerPeriodMs,
    long ownersRefreshMillis,
    long handOverMillis,
    int telemetryTopRules,
    long telemetryPeriodMs,
    LogSettings log) {

  /**
   * @param config the router verticle's configuration, possibly partial
   */
  static RouterSettings from(JsonObject config) {
    ConfigTree router = ConfigTree.of("router", config);
    ConfigTree rules = router.at("rules");
    ConfigTree sequence = router.at("sequence");
    return new RouterSettings(
        rules.text("path"),
        rules.wholeNumber("scanPeriodMs"),
        router.integer("maxDepth"),
        new SequenceLimits(
            sequence.integer("maxPartialsPerKey"), sequence.wholeNumber("latenessMs")),
        sequence.wholeNumber("timerPeriodMs"),
        router.wholeNumber("ownersRefreshMillis"),
        router.wholeNumber("handOverMillis"),
        router.at("telemetry").integer("topRules"),
        router.at("telemetry").wholeNumber("periodMs"),
        LogSettings.from(router.at("log")));
  }
}
