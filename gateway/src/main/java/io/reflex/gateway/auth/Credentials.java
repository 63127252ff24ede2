package io.reflex.gateway.auth;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * The credential a client presented: a bearer token or an API key. Browsers cannot set headers on a
 * WebSocket, so a token is also read from the {@code access_token} query parameter or from a {@code
 * bearer.<token>} entry of {@code Sec-WebSocket-Protocol}.
 */
public record Credentials(String bearerToken, String apiKey) {

  public static final String API_KEY_HEADER = "X-Api-Key";
  public static final String SUBPROTOCOL_PREFIX = "bearer.";

  public static Credentials from(MultiMap headers, String query) {
    String authorization = headers.get(HttpHeaders.AUTHORIZATION);
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return new Credentials(authorization.substring(7).trim(), null);
    }
    String apiKey = headers.get(API_KEY_HEADER);
    if (apiKey != null) {
      return new Credentials(null, apiKey.trim());
    }
    String fromQuery = queryParameter(query, "access_token");
    if (fromQuery != null) {
      return new Credentials(fromQuery, null);
    }
    String protocols = headers.get("Sec-WebSocket-Protocol");
    if (protocols != null) {
      for (String protocol : protocols.split(",")) {
        String entry = protocol.trim();
        if (entry.startsWith(SUBPROTOCOL_PREFIX)) {
          return new Credentials(entry.substring(SUBPROTOCOL_PREFIX.length()), null);
        }
      }
    }
    return new Credentials(null, null);
  }

  public boolean isEmpty() {
    return (bearerToken == null || bearerToken.isEmpty()) && (apiKey == null || apiKey.isEmpty());
  }

  private static String queryParameter(String query, String name) {
    if (query == null) {
      return null;
    }
    for (String pair : query.split("&")) {
      if (pair.startsWith(name + "=")) {
        return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }
}
