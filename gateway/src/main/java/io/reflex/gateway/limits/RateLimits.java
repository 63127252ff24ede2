package io.reflex.gateway.limits;

import io.reflex.common.config.ConfigTree;
import io.vertx.core.json.JsonObject;

/**
 * {@code gateway.limits}: rates, connection caps and timeouts that protect the gateway from one
 * abusive client. The two rates apply to a gateway that requires credentials or listens beyond
 * loopback; an open gateway on loopback serves only local producers, which a rate limit would cut
 * off by surprise, so there they apply only when {@code limitOpenLoopback} asks for it.
 */
public record RateLimits(
    boolean ratesApply,
    double connectionEventsPerSecond,
    double connectionBurst,
    double clientEventsPerSecond,
    double clientBurst,
    int rateLimitedFramesBeforeClose,
    int maxConnectionsPerAddress,
    int readIdleTimeoutSeconds,
    int pingIntervalSeconds,
    int handshakeTimeoutSeconds) {

  /**
   * @param config {@code gateway.limits}, possibly partial (completed with the defaults); may be
   *     null
   * @param openLoopback the gateway listens on loopback and asks for no credential
   */
  public static RateLimits from(JsonObject config, boolean openLoopback) {
    ConfigTree limits = ConfigTree.of("gateway.limits", config);
    return new RateLimits(
        !openLoopback || limits.flag("limitOpenLoopback"),
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
    return ratesApply
        ? new TokenBucket(connectionEventsPerSecond, connectionBurst, nowNanos)
        : TokenBucket.unlimited(nowNanos);
  }

  public TokenBucket clientBucket(long nowNanos) {
    return ratesApply
        ? new TokenBucket(clientEventsPerSecond, clientBurst, nowNanos)
        : TokenBucket.unlimited(nowNanos);
  }
}
