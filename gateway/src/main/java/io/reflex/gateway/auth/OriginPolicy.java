package io.reflex.gateway.auth;

import io.vertx.core.net.HostAndPort;
import java.util.List;

/**
 * Which browser pages may open a WebSocket to the gateway (cross-site WebSocket hijacking,
 * CWE-1385). Browsers always send {@code Origin}; other clients usually do not, and they are held
 * to their credential instead. A page served by the gateway itself (same host and port) is always
 * admitted.
 */
public record OriginPolicy(List<String> allowed) {

  /**
   * An empty allowlist admits every origin: only acceptable on a gateway that authenticates or is
   * local.
   */
  public boolean admits(String origin, HostAndPort authority) {
    return origin == null
        || allowed.isEmpty()
        || allowed.contains("*")
        || allowed.contains(origin)
        || sameOrigin(origin, authority);
  }

  private static boolean sameOrigin(String origin, HostAndPort authority) {
    int scheme = origin.indexOf("://");
    if (authority == null || scheme < 0) {
      return false;
    }
    String host =
        authority.port() >= 0 ? authority.host() + ":" + authority.port() : authority.host();
    return origin.substring(scheme + 3).equalsIgnoreCase(host);
  }
}
