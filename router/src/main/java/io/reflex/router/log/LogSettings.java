package io.reflex.router.log;

import io.reflex.common.config.ConfigTree;

/**
 * {@code router.log}: how the routers read the event log in durable mode.
 *
 * @param maxBatch records per poll, routed and committed together
 */
public record LogSettings(
    String group,
    int maxBatch,
    long deliveryTimeoutMs,
    int deliveryAttempts,
    long maxRetryDelayMs,
    long revokeWaitMs,
    int copyWindowEvents) {

  public static LogSettings from(ConfigTree log) {
    return new LogSettings(
        log.text("group"),
        log.integer("maxBatch"),
        log.wholeNumber("deliveryTimeoutMs"),
        log.integer("deliveryAttempts"),
        log.wholeNumber("maxRetryDelayMs"),
        log.wholeNumber("revokeWaitMs"),
        log.integer("copyWindowEvents"));
  }
}
