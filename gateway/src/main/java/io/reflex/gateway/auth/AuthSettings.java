package io.reflex.gateway.auth;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/** {@code gateway.auth}: where the keys are and which browser origins may open a WebSocket. */
public record AuthSettings(String hmacSecretFile, String publicKeyFile, String algorithm, String issuer,
                           String audience, String apiKeysFile, int leewaySeconds, List<String> allowedOrigins) {

  public static AuthSettings from(JsonObject auth) {
    JsonArray origins = auth.getJsonArray("allowedOrigins", new JsonArray());
    return new AuthSettings(
        auth.getString("hmacSecretFile", ""),
        auth.getString("publicKeyFile", ""),
        auth.getString("algorithm", ""),
        auth.getString("issuer", ""),
        auth.getString("audience", ""),
        auth.getString("apiKeysFile", ""),
        auth.getInteger("leewaySeconds", 5),
        origins.stream().map(String::valueOf).toList());
  }

  /** Authentication is on as soon as any key source is configured. */
  public boolean enabled() {
    return !hmacSecretFile.isEmpty() || !publicKeyFile.isEmpty() || !apiKeysFile.isEmpty();
  }
}
