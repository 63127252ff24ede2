package io.reflex.gateway.auth;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Refuses to serve an open (unauthenticated) gateway anywhere but on loopback. */
public final class Exposure {

  private Exposure() {}

  /**
   * @return why the gateway must not start, or null when it may
   */
  public static String refusal(String host, boolean authEnabled) {
    if (authEnabled || isLoopback(host)) {
      return null;
    }
    return "refusing to start: gateway.http.host is "
        + host
        + " (not loopback) and no authentication is configured."
        + " Set gateway.auth.hmacSecretFile, gateway.auth.publicKeyFile or gateway.auth.apiKeysFile (see SECURITY.md),"
        + " or bind gateway.http.host to 127.0.0.1 for local use.";
  }

  public static boolean isLoopback(String host) {
    if ("localhost".equalsIgnoreCase(host)) {
      return true;
    }
    try {
      // Literal addresses only: a name is not resolved, so it counts as exposed.
      return host.matches("[0-9.]+|\\[?[0-9a-fA-F:]+]?")
          && InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
