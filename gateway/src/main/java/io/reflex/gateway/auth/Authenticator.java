package io.reflex.gateway.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the credential a client presented into a {@link Principal}: a JWT verified with the
 * configured HMAC secret or RSA public key (signature, expiry, issuer, audience), or an API key
 * looked up by its SHA-256 (the key file never holds keys in clear). A gateway with no key
 * configured runs open and every client is {@link Principal#OPEN}.
 */
public final class Authenticator {

  private final JWTAuth jwt;
  private final Map<String, Principal> apiKeys;

  private Authenticator(JWTAuth jwt, Map<String, Principal> apiKeys) {
    this.jwt = jwt;
    this.apiKeys = apiKeys;
  }

  /** Reads the key files named in the settings. */
  public static Future<Authenticator> load(Vertx vertx, AuthSettings settings) {
    Future<JWTAuth> jwt = jwt(vertx, settings);
    Future<Map<String, Principal>> keys =
        settings.apiKeysFile().isEmpty()
            ? Future.succeededFuture(null)
            : vertx
                .fileSystem()
                .readFile(settings.apiKeysFile())
                .map(content -> apiKeys(settings.apiKeysFile(), content));
    return Future.all(jwt, keys).map(v -> new Authenticator(jwt.result(), keys.result()));
  }

  public boolean enabled() {
    return jwt != null || apiKeys != null;
  }

  /** Fails with a human-readable reason when the credential is missing, invalid or expired. */
  public Future<Principal> authenticate(Credentials credentials) {
    if (!enabled()) {
      return Future.succeededFuture(Principal.OPEN);
    }
    if (credentials.isEmpty()) {
      return Future.failedFuture(
          "no credential: send 'Authorization: Bearer <token>' or an API key");
    }
    if (credentials.apiKey() != null) {
      Principal principal = apiKeys == null ? null : apiKeys.get(sha256(credentials.apiKey()));
      return principal == null
          ? Future.failedFuture("unknown API key")
          : Future.succeededFuture(principal);
    }
    if (jwt == null) {
      return Future.failedFuture("bearer tokens are not accepted by this gateway; use an API key");
    }
    return jwt.authenticate(new TokenCredentials(credentials.bearerToken()))
        .map(user -> fromClaims(user.attributes().getJsonObject("accessToken", user.principal())));
  }

  private static Principal fromClaims(JsonObject claims) {
    Set<String> scopes = new HashSet<>();
    if (claims.getValue("scope") instanceof String spaced) {
      scopes.addAll(List.of(spaced.trim().split("\\s+")));
    }
    if (claims.getValue("scopes") instanceof JsonArray listed) {
      listed.forEach(scope -> scopes.add(String.valueOf(scope)));
    }
    long expiresAt = claims.getValue("exp") instanceof Number exp ? exp.longValue() * 1000 : 0;
    return new Principal(
        claims.getString("sub"), claims.getString("tenant"), Set.copyOf(scopes), expiresAt);
  }

  private static Future<JWTAuth> jwt(Vertx vertx, AuthSettings settings) {
    boolean hmac = !settings.hmacSecretFile().isEmpty();
    if (!hmac && settings.publicKeyFile().isEmpty()) {
      return Future.succeededFuture(null);
    }
    String algorithm =
        !settings.algorithm().isEmpty() ? settings.algorithm() : hmac ? "HS256" : "RS256";
    String file = hmac ? settings.hmacSecretFile() : settings.publicKeyFile();
    return vertx
        .fileSystem()
        .readFile(file)
        .map(
            content -> {
              // A secret mounted from a Kubernetes Secret or written with echo usually ends with a
              // newline that is no part of it.
              String key =
                  hmac
                      ? content.toString(StandardCharsets.UTF_8).strip()
                      : content.toString(StandardCharsets.UTF_8);
              if (key.isEmpty()) {
                throw new IllegalStateException("gateway.auth: key file " + file + " is empty");
              }
              JWTOptions checks = new JWTOptions().setLeeway(settings.leewaySeconds());
              if (!settings.issuer().isEmpty()) {
                checks.setIssuer(settings.issuer());
              }
              if (!settings.audience().isEmpty()) {
                checks.setAudience(List.of(settings.audience()));
              }
              return JWTAuth.create(
                  vertx,
                  new JWTAuthOptions()
                      .setJWTOptions(checks)
                      .addPubSecKey(new PubSecKeyOptions().setAlgorithm(algorithm).setBuffer(key)));
            });
  }

  /**
   * {@code {"keys":[{"sha256":"<hex>","subject":"...","tenant":"...","scopes":["publish"]}]}}. An
   * entry whose {@code sha256} is not 64 hex digits (most likely a key pasted in clear) or that has
   * no subject stops the gateway from starting: better than a key that silently never matches, or
   * clients no rate limit can tell apart.
   */
  private static Map<String, Principal> apiKeys(String file, Buffer content) {
    Map<String, Principal> keys = new HashMap<>();
    JsonArray entries = new JsonObject(content).getJsonArray("keys", new JsonArray());
    for (int i = 0; i < entries.size(); i++) {
      JsonObject key = entries.getJsonObject(i);
      String hash = key.getString("sha256", "");
      if (!hash.matches("[0-9a-fA-F]{64}") || key.getString("subject", "").isEmpty()) {
        throw new IllegalStateException(
            "gateway.auth.apiKeysFile "
                + file
                + ": keys["
                + i
                + "] needs a 'subject' and"
                + " a 'sha256' of 64 hex digits, the hash of the key (printf %s \"$KEY\" | sha256sum), never the key");
      }
      Set<String> scopes = new HashSet<>();
      key.getJsonArray("scopes", new JsonArray())
          .forEach(scope -> scopes.add(String.valueOf(scope)));
      keys.put(
          hash.toLowerCase(),
          new Principal(key.getString("subject"), key.getString("tenant"), Set.copyOf(scopes), 0));
    }
    return keys;
  }

  public static String sha256(String apiKey) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(apiKey.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
