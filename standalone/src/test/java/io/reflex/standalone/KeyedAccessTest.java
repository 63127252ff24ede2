package io.reflex.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.reflex.common.testing.WsTestClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gateway that verifies RS256 tokens with a public key file and knows API keys by their SHA-256,
 * through real sockets: good credentials in every documented place are admitted; forged, expired,
 * misaddressed and unsigned tokens and unknown keys are refused before the upgrade; a credential
 * without the scope is refused with the documented code.
 */
@ExtendWith(VertxExtension.class)
class KeyedAccessTest {

  private static final String ISSUER = "https://login.example";
  private static final String AUDIENCE = "reflex";
  private static final String SENSOR_KEY = "sensor-key-0123456789abcdef";
  private static final String READER_KEY = "reader-key-0123456789abcdef";

  @TempDir static Path keys;
  private static LocalGateway gateway;
  private static Vertx clients;
  private static WebClient http;
  private static JWTAuth issuer;
  private static JWTAuth forger;
  private static String publicKeyPem;
  private WsTestClient bystander;

  @BeforeAll
  static void start(Vertx clientVertx) throws Exception {
    KeyPair signing = rsaKeyPair();
    publicKeyPem = pem("PUBLIC KEY", signing.getPublic());
    Path publicKey = Files.writeString(keys.resolve("public.pem"), publicKeyPem);
    Path apiKeys =
        Files.writeString(
            keys.resolve("api-keys.json"),
            new JsonObject()
                .put(
                    "keys",
                    new JsonArray()
                        .add(
                            new JsonObject()
                                .put("sha256", sha256(SENSOR_KEY))
                                .put("subject", "sensor-gateway-1")
                                .put("scopes", new JsonArray().add("publish")))
                        .add(
                            new JsonObject()
                                .put("sha256", sha256(READER_KEY).toUpperCase())
                                .put("subject", "reader-1")
                                .put("scopes", new JsonArray().add("subscribe"))))
                .encode());
    gateway =
        LocalGateway.start(
            clientVertx,
            new JsonObject()
                .put(
                    "auth",
                    new JsonObject()
                        .put("publicKeyFile", publicKey.toString())
                        .put("apiKeysFile", apiKeys.toString())
                        .put("issuer", ISSUER)
                        .put("audience", AUDIENCE)
                        .put("leewaySeconds", 0)));
    clients = gateway.clients();
    http = WebClient.create(clients);
    issuer = rs256(clients, signing);
    forger = rs256(clients, rsaKeyPair());
    // The first RSA verification initialises the JVM's crypto providers on the gateway's event
    // loop, which can take
    // seconds on a loaded machine; do it once here rather than inside a test's handshake.
    assertThat(get("/api/rules", "Bearer " + token(issuer, "warm-up", "admin", 60)).statusCode())
        .isEqualTo(200);
  }

  @AfterAll
  static void stop() {
    http.close();
    gateway.close();
  }

  @BeforeEach
  void connectBystander() {
    bystander =
        WsTestClient.connect(
            clients, bearer(token(issuer, "bystander", "publish subscribe", 3600)));
  }

  @AfterEach
  void bystanderStillServed() {
    LocalGateway.assertServed(bystander);
    bystander.close();
  }

  private static KeyPair rsaKeyPair() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    return generator.generateKeyPair();
  }

  private static String pem(String type, Key key) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(key.getEncoded())
        + "\n-----END "
        + type
        + "-----\n";
  }

  private static JWTAuth rs256(Vertx vertx, KeyPair pair) {
    return JWTAuth.create(
        vertx,
        new JWTAuthOptions()
            .addPubSecKey(
                new PubSecKeyOptions()
                    .setAlgorithm("RS256")
                    .setBuffer(pem("PRIVATE KEY", pair.getPrivate()))));
  }

  /** As {@code printf %s "$KEY" | sha256sum} computes it (SECURITY.md). */
  private static String sha256(String key) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String token(JWTAuth signer, String subject, String scopes, int expiresInSeconds) {
    return signer.generateToken(
        claims(subject, scopes),
        new JWTOptions()
            .setAlgorithm("RS256")
            .setIssuer(ISSUER)
            .setAudience(List.of(AUDIENCE))
            .setExpiresInSeconds(expiresInSeconds));
  }

  private static JsonObject claims(String subject, String scopes) {
    return new JsonObject().put("sub", subject).put("scope", scopes);
  }

  private static WebSocketConnectOptions bearer(String token) {
    return WsTestClient.options(gateway.port()).putHeader("Authorization", "Bearer " + token);
  }

  private static WebSocketConnectOptions apiKey(String key) {
    return WsTestClient.options(gateway.port()).putHeader("X-Api-Key", key);
  }

  private static int rejection(WebSocketConnectOptions options) {
    Future<WebSocket> attempt = WsTestClient.open(clients, options);
    try {
      attempt.await().close();
    } catch (Exception e) {
      assertThat(attempt.cause()).isInstanceOf(UpgradeRejectedException.class);
      return ((UpgradeRejectedException) attempt.cause()).getStatus();
    }
    throw new AssertionError("the handshake was accepted");
  }

  private static HttpResponse<Buffer> get(String path, String authorization) {
    HttpRequest<Buffer> request = http.get(gateway.port(), "127.0.0.1", path);
    return (authorization == null ? request : request.putHeader("Authorization", authorization))
        .send()
        .await();
  }

  private static HttpResponse<Buffer> postEvent(String header, String value) {
    HttpRequest<Buffer> request =
        http.post(gateway.port(), "127.0.0.1", "/events")
            .putHeader("content-type", "application/cloudevents+json");
    if (header != null) {
      request.putHeader(header, value);
    }
    return request.sendBuffer(Buffer.buffer(LocalGateway.newEvent().encode())).await();
  }

  private static String errorCode(HttpResponse<Buffer> response) {
    return response.bodyAsJsonObject().getJsonObject("error").getString("code");
  }

  @Test
  @DisplayName("an RS256 token signed with the configured key opens the WebSocket and may publish")
  void goodRsaToken() {
    try (WsTestClient client =
        WsTestClient.connect(clients, bearer(token(issuer, "app", "publish", 60)))) {
      LocalGateway.assertServed(client);
    }
  }

  @Test
  @DisplayName(
      "401 before the upgrade: another key's signature, expired, wrong issuer or audience, unsigned, HS256 keyed with the public key")
  void refusedTokens() {
    assertThat(rejection(bearer(token(forger, "forged", "publish", 60)))).isEqualTo(401);
    JsonObject expired =
        claims("late", "publish").put("exp", System.currentTimeMillis() / 1000 - 60);
    assertThat(
            rejection(
                bearer(
                    issuer.generateToken(
                        expired,
                        new JWTOptions()
                            .setAlgorithm("RS256")
                            .setIssuer(ISSUER)
                            .setAudience(List.of(AUDIENCE))))))
        .isEqualTo(401);
    assertThat(
            rejection(
                bearer(
                    issuer.generateToken(
                        claims("elsewhere", "publish"),
                        new JWTOptions()
                            .setAlgorithm("RS256")
                            .setIssuer("https://other.example")
                            .setAudience(List.of(AUDIENCE))
                            .setExpiresInSeconds(60)))))
        .isEqualTo(401);
    assertThat(
            rejection(
                bearer(
                    issuer.generateToken(
                        claims("not-for-us", "publish"),
                        new JWTOptions()
                            .setAlgorithm("RS256")
                            .setIssuer(ISSUER)
                            .setAudience(List.of("another-service"))
                            .setExpiresInSeconds(60)))))
        .isEqualTo(401);
    Base64.Encoder base64url = Base64.getUrlEncoder().withoutPadding();
    String unsigned =
        base64url.encodeToString(
                "{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
            + "."
            + base64url.encodeToString(
                claims("nobody", "publish")
                    .put("iss", ISSUER)
                    .put("aud", AUDIENCE)
                    .put("exp", System.currentTimeMillis() / 1000 + 60)
                    .encode()
                    .getBytes(StandardCharsets.UTF_8))
            + ".";
    assertThat(rejection(bearer(unsigned))).isEqualTo(401);
    JWTAuth confused =
        JWTAuth.create(
            clients,
            new JWTAuthOptions()
                .addPubSecKey(
                    new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(publicKeyPem)));
    assertThat(
            rejection(
                bearer(
                    confused.generateToken(
                        claims("confused", "publish"),
                        new JWTOptions()
                            .setIssuer(ISSUER)
                            .setAudience(List.of(AUDIENCE))
                            .setExpiresInSeconds(60)))))
        .isEqualTo(401);
    assertThat(
            rejection(
                WsTestClient.options(gateway.port())
                    .putHeader("Authorization", "Bearer not-a-token")))
        .isEqualTo(401);
  }

  @Test
  @DisplayName(
      "browsers: the token is accepted as ?access_token= and as subprotocol bearer.<token> (answered reflex.v1); a bad one is refused")
  void browserPlaces() {
    String good = token(issuer, "browser", "subscribe publish", 60);
    try (WsTestClient query =
        WsTestClient.connect(
            clients, WsTestClient.options(gateway.port()).setURI("/ws?access_token=" + good))) {
      LocalGateway.assertServed(query);
    }
    try (WsTestClient subprotocol =
        WsTestClient.connect(
            clients,
            WsTestClient.options(gateway.port())
                .setSubProtocols(List.of("reflex.v1", "bearer." + good)))) {
      assertThat(subprotocol.socket().subProtocol()).isEqualTo("reflex.v1");
      LocalGateway.assertServed(subprotocol);
    }
    String forged = token(forger, "browser", "subscribe publish", 60);
    assertThat(rejection(WsTestClient.options(gateway.port()).setURI("/ws?access_token=" + forged)))
        .isEqualTo(401);
    assertThat(
            rejection(
                WsTestClient.options(gateway.port())
                    .setSubProtocols(List.of("reflex.v1", "bearer." + forged))))
        .isEqualTo(401);
  }

  @Test
  @DisplayName(
      "scopes: no publish or subscribe scope is 403 at the handshake; publishing without publish is forbidden; admin routes 403 forbidden")
  void scopes() {
    assertThat(rejection(bearer(token(issuer, "operator", "admin", 60)))).isEqualTo(403);
    try (WsTestClient reader =
        WsTestClient.connect(clients, bearer(token(issuer, "reader", "subscribe", 60)))) {
      JsonObject refused = reader.request(LocalGateway.publishOne("no-scope"));
      assertThat(refused.getString("op")).isEqualTo("error");
      assertThat(refused.getJsonObject("error").getString("code")).isEqualTo("forbidden");
      assertThat(reader.isClosed()).isFalse();
    }
    HttpResponse<Buffer> metrics =
        get("/metrics", "Bearer " + token(issuer, "writer", "publish subscribe", 60));
    assertThat(metrics.statusCode()).isEqualTo(403);
    assertThat(errorCode(metrics)).isEqualTo("forbidden");
    assertThat(get("/metrics", "Bearer " + token(issuer, "operator", "admin", 60)).statusCode())
        .isEqualTo(200);
    String writer = "Bearer " + token(issuer, "writer", "publish subscribe", 60);
    assertThat(get("/api/stats", writer).statusCode()).isEqualTo(403);
    assertThat(get("/api/cluster", writer).statusCode()).isEqualTo(403);
    assertThat(get("/api/cluster", null).statusCode()).isEqualTo(401);
    assertThat(get("/api/stats", "Bearer " + token(issuer, "operator", "admin", 60)).statusCode())
        .isEqualTo(200);
    assertThat(get("/ui/", null).statusCode())
        .as("the dashboard page itself is public")
        .isEqualTo(200);
  }

  @Test
  @DisplayName(
      "API keys on the WebSocket: a known key is admitted with its scopes, an unknown one gets 401")
  void apiKeysOnWebSocket() {
    try (WsTestClient sensor = WsTestClient.connect(clients, apiKey(SENSOR_KEY));
        WsTestClient reader = WsTestClient.connect(clients, apiKey(READER_KEY))) {
      LocalGateway.assertServed(sensor);
      JsonObject refused = reader.request(LocalGateway.publishOne("reader-publishes"));
      assertThat(refused.getJsonObject("error").getString("code")).isEqualTo("forbidden");
      JsonObject subscribed =
          reader.request(
              new JsonObject()
                  .put("op", "subscribe")
                  .put("ref", "s")
                  .put("sub", "s")
                  .put(
                      "pattern",
                      new JsonObject().put("type", new JsonArray().add("iot.overheating"))));
      assertThat(subscribed.getString("op")).isEqualTo("subscribed");
    }
    assertThat(rejection(apiKey("not-a-known-key"))).isEqualTo(401);
    assertThat(rejection(apiKey(sha256(SENSOR_KEY))))
        .as("the stored hash is not a key")
        .isEqualTo(401);
  }

  @Test
  @DisplayName(
      "API keys on HTTP: POST /events with a publish key is accepted; no key or an unknown one is 401; a key without the scope 403")
  void apiKeysOnHttp() {
    HttpResponse<Buffer> accepted = postEvent("X-Api-Key", SENSOR_KEY);
    assertThat(accepted.statusCode()).isEqualTo(200);
    assertThat(
            accepted
                .bodyAsJsonObject()
                .getJsonArray("results")
                .getJsonObject(0)
                .getString("status"))
        .isEqualTo("accepted");
    HttpResponse<Buffer> anonymous = postEvent(null, null);
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(errorCode(anonymous)).isEqualTo("unauthorized");
    HttpResponse<Buffer> unknown = postEvent("X-Api-Key", "not-a-known-key");
    assertThat(unknown.statusCode()).isEqualTo(401);
    assertThat(errorCode(unknown)).isEqualTo("unauthorized");
    HttpResponse<Buffer> reader = postEvent("X-Api-Key", READER_KEY);
    assertThat(reader.statusCode()).isEqualTo(403);
    assertThat(errorCode(reader)).isEqualTo("forbidden");
    assertThat(
            postEvent("Authorization", "Bearer " + token(issuer, "writer", "publish", 60))
                .statusCode())
        .isEqualTo(200);
  }
}
