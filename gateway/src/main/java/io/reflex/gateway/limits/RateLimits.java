package io.reflex.gateway.limits;

import io.reflex.common.config.ConfigTree;
import io.vertx.core.json.JsonObject;

/** {@code gateway.limits}: rates, connection caps and timeouts that protect the gateway from one abusive client. */
public record RateLimits(double connectionEventsPerSecond, double connectionBurst, double clientEventsPerSecond,
                         double clientBurst, int rateLimitedFramesBeforeClose, int maxConnectionsPerAddress,
                         int readIdleTimeoutSeconds, int pingIntervalSeconds, int handshakeTimeoutSeconds) {

  /** @param config {@code gateway.limits}, possibly partial (completed with the defaults); may be null */
  public static RateLimits from(JsonObject config) {
    ConfigTree limits = ConfigTree.of("gateway.limits", config);
    return new RateLimits(
        limits.decimal("connectionEventsPerSecond"),
        limits.decimal("connectionBurst"),
        limits.decimal("clientEventsPerSecond"),
        limits.decimal("clientBurst"),
        limits.integer("rateLimitedFramesBeforeClose"),
        limits.integer("maxConnectionsPerAddress"),
        limits.integer("readIdleTimeoutSeconds"),
        limits.integer("pingIntervalSeconds"),
        limits.integer("handshakeTimeoutSeconds"));
  }

  public TokenBucket connectionBucket(long nowNanos) {
    return new TokenBucket(connectionEventsPerSecond, connectionBurst, nowNanos);
  }
}
