package io.reflex.gateway.auth;

import java.util.Set;

/**
 * Who is on the other end of a connection or request, as established by its token or API key.
 *
 * @param subject the token's {@code sub} (or the API key's name); null when the gateway runs open
 * @param tenant the tenant the client acts for; null for a global (operator) client that sees every
 *     event
 * @param scopes what it may do: {@link #PUBLISH}, {@link #SUBSCRIBE}, {@link #ADMIN}
 * @param expiresAtMs when its credential expires (epoch ms); 0 when it never does
 */
public record Principal(String subject, String tenant, Set<String> scopes, long expiresAtMs) {

  public static final String PUBLISH = "publish";
  public static final String SUBSCRIBE = "subscribe";
  public static final String ADMIN = "admin";

  /** The client of a gateway without authentication (local use on loopback): may do everything. */
  public static final Principal OPEN =
      new Principal(null, null, Set.of(PUBLISH, SUBSCRIBE, ADMIN), 0);

  public boolean may(String scope) {
    return scopes.contains(scope);
  }
}
