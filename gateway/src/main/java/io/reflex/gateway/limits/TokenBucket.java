package io.reflex.gateway.limits;

/**
 * A token bucket: refills {@code ratePerSecond} tokens a second up to {@code burst}; each event
 * takes one. Not thread-safe: a bucket lives on one event loop.
 */
public final class TokenBucket {

  private final double ratePerNano;
  private final double burst;
  private double tokens;
  private long refilledAt;

  public TokenBucket(double ratePerSecond, double burst, long nowNanos) {
    this.ratePerNano = ratePerSecond / 1e9;
    this.burst = burst;
    this.tokens = burst;
    this.refilledAt = nowNanos;
  }

  /**
   * A bucket that never empties: the rate limit of an open gateway on loopback, whose only client
   * is a local producer that must not be cut off. Infinite tokens that never refill stay infinite
   * through {@link #tryTake}.
   */
  public static TokenBucket unlimited(long nowNanos) {
    return new TokenBucket(0, Double.POSITIVE_INFINITY, nowNanos);
  }

  public boolean tryTake(long nowNanos) {
    tokens = Math.min(burst, tokens + (nowNanos - refilledAt) * ratePerNano);
    refilledAt = nowNanos;
    if (tokens >= 1) {
      tokens--;
      return true;
    }
    return false;
  }

  /**
   * True when the bucket would be full by now: it can be forgotten without favouring or hurting its
   * owner.
   */
  public boolean isFull(long nowNanos) {
    return tokens + (nowNanos - refilledAt) * ratePerNano >= burst;
  }
}
