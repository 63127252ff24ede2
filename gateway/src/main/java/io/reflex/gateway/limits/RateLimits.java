package io.reflex.gateway.limits;

import io.vertx.core.json.JsonObject;

/**
 * {@code gateway.limits}: rates, connection caps and timeouts that protect the gateway from one abusive client. The
 * two rates apply to a gateway that requires credentials or listens beyond loopback; an open gateway on loopback
 * serves only local producers, which a rate limit would cut off by surprise, so there they apply only when
 * {@code limitOpenLoopback} asks for it.
 */
public record RateLimits(boolean ratesApply, double connectionEventsPerSecond, double connectionBurst,
                         double clientEventsPerSecond, double clientBurst, int rateLimitedFramesBeforeClose,
                         int maxConnectionsPerAddress, int readIdleTimeoutSeconds, int pingIntervalSeconds,
                         int handshakeTimeoutSeconds) {

  /** {@code openLoopback}: the gateway listens on loopback and asks for no credential. */
  public static RateLimits from(JsonObject limits, boolean openLoopback) {
    return new RateLimits(
        !openLoopback || limits.getBoolean("limitOpenLoopback", false),
        limits.getDouble("connectionEventsPerSecond", 5000.0),
        limits.getDouble("connectionBurst", 10000.0),
        limits.getDouble("clientEventsPerSecond", 20000.0),
        limits.getDouble("clientBurst", 40000.0),
        limits.getInteger("rateLimitedFramesBeforeClose", 20),
        limits.getInteger("maxConnectionsPerAddress", 256),
        limits.getInteger("readIdleTimeoutSeconds", 60),
        limits.getInteger("pingIntervalSeconds", 20),
        limits.getInteger("handshakeTimeoutSeconds", 10));
  }

  public TokenBucket connectionBucket(long nowNanos) {
    return ratesApply ? new TokenBucket(connectionEventsPerSecond, connectionBurst, nowNanos)
        : TokenBucket.unlimited(nowNanos);
  }

  public TokenBucket clientBucket(long nowNanos) {
    return ratesApply ? new TokenBucket(clientEventsPerSecond, clientBurst, nowNanos) : TokenBucket.unlimited(nowNanos);
  }
}
