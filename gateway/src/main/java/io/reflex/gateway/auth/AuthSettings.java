package io.reflex.gateway.auth;

import io.reflex.common.config.ConfigTree;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** {@code gateway.auth}: where the keys are and which browser origins may open a WebSocket. */
public record AuthSettings(
    String hmacSecretFile,
    String publicKeyFile,
    String algorithm,
    String issuer,
    String audience,
    String apiKeysFile,
    int leewaySeconds,
    List<String> allowedOrigins) {

  /**
   * @param config {@code gateway.auth}, possibly partial (completed with the defaults); may be null
   */
  public static AuthSettings from(JsonObject config) {
    ConfigTree auth = ConfigTree.of("gateway.auth", config);
    return new AuthSettings(
        auth.text("hmacSecretFile"),
        auth.text("publicKeyFile"),
        auth.text("algorithm"),
        auth.text("issuer"),
        auth.text("audience"),
        auth.text("apiKeysFile"),
        auth.integer("leewaySeconds"),
        auth.list("allowedOrigins").stream().map(String::valueOf).toList());
  }

  /** Authentication is on as soon as any key source is configured. */
  public boolean enabled() {
    return !hmacSecretFile.isEmpty() || !publicKeyFile.isEmpty() || !apiKeysFile.isEmpty();
  }
}
