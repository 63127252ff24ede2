package io.reflex.gateway.limits;

import io.reflex.gateway.auth.Principal;
import java.util.HashMap;
import java.util.Map;

/**
 * One token bucket per client (token subject, API key, or address for anonymous clients), shared by
 * all its connections and requests on this gateway verticle, so opening more sockets buys no more
 * throughput. Full buckets are forgotten periodically, which keeps the map as small as the set of
 * currently busy clients.
 */
public final class ClientBuckets {

  private final RateLimits limits;
  private final Map<String, TokenBucket> buckets = new HashMap<>();

  public ClientBuckets(RateLimits limits) {
    this.limits = limits;
  }

  /**
   * Whom a rate limit applies to: the credential's subject, or the address of an anonymous client.
   */
  public static String clientOf(Principal principal, String address) {
    return principal.subject() != null ? "sub:" + principal.subject() : "addr:" + address;
  }

  public boolean tryTake(String client, long nowNanos) {
    return buckets.computeIfAbsent(client, c -> limits.clientBucket(nowNanos)).tryTake(nowNanos);
  }

  public void forgetIdle(long nowNanos) {
    buckets.values().removeIf(bucket -> bucket.isFull(nowNanos));
  }

  public int size() {
    return buckets.size();
  }
}
