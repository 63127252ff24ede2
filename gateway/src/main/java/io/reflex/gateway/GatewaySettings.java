package io.reflex.gateway;

import io.reflex.common.config.ConfigTree;
import io.reflex.gateway.auth.AuthSettings;
import io.reflex.gateway.auth.Exposure;
import io.reflex.gateway.limits.RateLimits;
import io.reflex.gateway.ws.WebSocketLimits;
import io.vertx.core.json.JsonObject;

/**
 * Every setting of the gateway ({@code gateway.*}), read once at start; the defaults are those of
 * {@code reflex-defaults.yaml}.
 *
 * @param tlsKeyPath empty: plain HTTP and WebSocket
 */
record GatewaySettings(
    String host,
    int port,
    WebSocketLimits ws,
    AuthSettings auth,
    RateLimits limits,
    String tlsKeyPath,
    String tlsCertPath,
    long publishTimeoutMs,
    long publishLingerMs,
    long requestTimeoutMs,
    long outputDedupWindowMs,
    int outputDedupMaxEntries) {

  /**
   * @param config the gateway verticle's configuration, possibly partial
   */
  static GatewaySettings from(JsonObject config) {
    ConfigTree gateway = ConfigTree.of("gateway", config);
    ConfigTree http = gateway.at("http");
    ConfigTree tls = gateway.at("tls");
    ConfigTree outputDedup = gateway.at("outputDedup");
    String host = http.text("host");
    long publishLingerMs = gateway.wholeNumber("publishLingerMs");
    if (publishLingerMs < 0 || publishLingerMs > 1000) {
      throw new IllegalArgumentException(
          "gateway.publishLingerMs must be between 0 and 1000, was " + publishLingerMs);
    }
    AuthSettings auth = AuthSettings.from(config.getJsonObject("auth"));
    return new GatewaySettings(
        host,
        http.integer("port"),
        WebSocketLimits.from(config.getJsonObject("ws")),
        auth,
        RateLimits.from(
            config.getJsonObject("limits"), !auth.enabled() && Exposure.isLoopback(host)),
        tls.text("keyPath"),
        tls.text("certPath"),
        gateway.wholeNumber("publishTimeoutMs"),
        publishLingerMs,
        gateway.wholeNumber("requestTimeoutMs"),
        outputDedup.wholeNumber("windowSeconds") * 1000,
        outputDedup.integer("maxEntries"));
  }
}
