package io.reflex.gateway.limits;

import io.vertx.core.json.JsonObject;

/** {@code gateway.limits}: rates, connection caps and timeouts that protect the gateway from one abusive client. */
public record RateLimits(double connectionEventsPerSecond, double connectionBurst, double clientEventsPerSecond,
                         double clientBurst, int rateLimitedFramesBeforeClose, int maxConnectionsPerAddress,
                         int readIdleTimeoutSeconds, int pingIntervalSeconds, int handshakeTimeoutSeconds) {

  public static RateLimits from(JsonObject limits) {
    return new RateLimits(
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
    return new TokenBucket(connectionEventsPerSecond, connectionBurst, nowNanos);
  }
}
