package io.reflex.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.reflex.common.testing.Events;
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
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gateway with authentication on: who may connect, what each credential may do, what a tenant may
 * see, and how abuse is cut off, all through real sockets, while a well-behaved client keeps being
 * served.
 */
@ExtendWith(VertxExtension.class)
class AccessControlTest {

  private static final String SECRET = "a-test-secret-of-at-least-thirty-two-bytes";
  private static final String ORIGIN = "https://app.example";
  private static final int CONNECTIONS_PER_ADDRESS = 12;

  @TempDir static Path keys;
  private static LocalGateway gateway;
  private static Vertx clients;
  private static JWTAuth issuer;
  private static int port;
  private WsTestClient bystander;

  @BeforeAll
  static void start(Vertx clientVertx) throws Exception {
    Path secret = keys.resolve("jwt-secret");
    Files.writeString(secret, SECRET + "\n");
    gateway =
        LocalGateway.start(
            clientVertx,
            new JsonObject()
                .put(
                    "auth",
                    new JsonObject()
                        .put("hmacSecretFile", secret.toString())
                        .put("leewaySeconds", 0)
                        .put("allowedOrigins", new JsonArray().add(ORIGIN)))
                .put(
                    "limits",
                    new JsonObject()
                        .put("connectionEventsPerSecond", 20)
                        .put("connectionBurst", 20)
                        .put("clientEventsPerSecond", 40)
                        .put("clientBurst", 40)
                        .put("rateLimitedFramesBeforeClose", 5)
                        .put("maxConnectionsPerAddress", CONNECTIONS_PER_ADDRESS)));
    clients = gateway.clients();
    port = gateway.port();
    issuer =
        JWTAuth.create(
            clients,
            new JWTAuthOptions()
                .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(SECRET)));
    // The first verification initialises the JVM's crypto providers on the gateway's event loop,
    // which can take
    // seconds on a loaded machine; do it once here rather than inside a test's handshake.
    WebClient http = WebClient.create(clients);
    assertThat(
            http.get(port, "127.0.0.1", "/metrics")
                .putHeader("Authorization", "Bearer " + token("warm-up", null, "admin", 60))
                .send()
                .await()
                .statusCode())
        .isNotEqualTo(401);
    http.close();
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  private static String token(String subject, String tenant, String scopes, int expiresInSeconds) {
    JsonObject claims = new JsonObject().put("sub", subject).put("scope", scopes);
    if (tenant != null) {
      claims.put("tenant", tenant);
    }
    return issuer.generateToken(claims, new JWTOptions().setExpiresInSeconds(expiresInSeconds));
  }

  private static WebSocketConnectOptions bearer(String token) {
    return WsTestClient.options(port).putHeader("Authorization", "Bearer " + token);
  }

  private static int rejection(WebSocketConnectOptions options) {
    Future<WebSocket> attempt = WsTestClient.open(clients, options);
    try {
      attempt.await();
    } catch (Exception e) {
      assertThat(attempt.cause()).isInstanceOf(UpgradeRejectedException.class);
      return ((UpgradeRejectedException) attempt.cause()).getStatus();
    }
    throw new AssertionError("the handshake was accepted");
  }

  @BeforeEach
  void connectBystander() {
    bystander =
        WsTestClient.connect(clients, bearer(token("bystander", null, "publish subscribe", 3600)));
  }

  @AfterEach
  void bystanderStillServed() {
    LocalGateway.assertServed(bystander);
    bystander.close();
  }

  @Test
  @DisplayName(
      "the handshake is refused before the upgrade: 401 without, with an expired or a forged token; 403 for a foreign Origin")
  void handshakeRefusals() {
    assertThat(rejection(WsTestClient.options(port))).isEqualTo(401);
    JsonObject expiredClaims =
        new JsonObject()
            .put("sub", "late")
            .put("scope", "publish")
            .put("exp", System.currentTimeMillis() / 1000 - 60);
    assertThat(rejection(bearer(issuer.generateToken(expiredClaims, new JWTOptions()))))
        .isEqualTo(401);
    JWTAuth forger =
        JWTAuth.create(
            clients,
            new JWTAuthOptions()
                .addPubSecKey(
                    new PubSecKeyOptions()
                        .setAlgorithm("HS256")
                        .setBuffer("not-the-secret-not-the-secret-!!")));
    assertThat(
            rejection(
                bearer(
                    forger.generateToken(
                        new JsonObject().put("sub", "x").put("scope", "publish")))))
        .isEqualTo(401);
    String good = token("web", null, "subscribe", 60);
    assertThat(rejection(bearer(good).putHeader("Origin", "https://evil.example"))).isEqualTo(403);
    assertThat(rejection(bearer(token("nobody", null, "admin", 60)))).isEqualTo(403);

    try (WsTestClient browser =
        WsTestClient.connect(
            clients,
            WsTestClient.options(port)
                .setURI("/ws?access_token=" + good)
                .putHeader("Origin", ORIGIN))) {
      assertThat(browser.isClosed()).isFalse();
    }
    try (WsTestClient browser =
        WsTestClient.connect(
            clients,
            WsTestClient.options(port).setSubProtocols(List.of("reflex.v1", "bearer." + good)))) {
      assertThat(browser.socket().subProtocol()).isEqualTo("reflex.v1");
    }
  }

  @Test
  @DisplayName(
      "each operation needs its scope: a subscribe-only token cannot publish, a publish-only one cannot subscribe")
  void scopes() {
    try (WsTestClient reader =
            WsTestClient.connect(clients, bearer(token("reader", null, "subscribe", 60)));
        WsTestClient writer =
            WsTestClient.connect(clients, bearer(token("writer", null, "publish", 60)))) {
      JsonObject refused =
          reader.request(
              new JsonObject()
                  .put("op", "publish")
                  .put("ref", 1)
                  .put(
                      "events",
                      new JsonArray().add(Events.event("s-1", "test.scope", null, null))));
      assertThat(refused.getJsonObject("error").getString("code")).isEqualTo("forbidden");
      JsonObject refusedSub =
          writer.request(
              new JsonObject()
                  .put("op", "subscribe")
                  .put("ref", 2)
                  .put("sub", "s")
                  .put("pattern", new JsonObject().put("type", new JsonArray().add("x"))));
      assertThat(refusedSub.getJsonObject("error").getString("code")).isEqualTo("forbidden");
      assertThat(reader.isClosed()).isFalse();
    }
  }

  @Test
  @DisplayName(
      "HTTP needs a credential too: 401 without; /metrics and /api/rules need admin; POST /events needs publish")
  void http() {
    WebClient http = WebClient.create(clients);
    try {
      Buffer event =
          Buffer.buffer(Events.event("h-" + UUID.randomUUID(), "test.http", null, null).encode());
      HttpResponse<Buffer> anonymous =
          http.post(port, "127.0.0.1", "/events")
              .putHeader("content-type", "application/cloudevents+json")
              .sendBuffer(event)
              .await();
      assertThat(anonymous.statusCode()).isEqualTo(401);
      assertThat(anonymous.bodyAsJsonObject().getJsonObject("error").getString("code"))
          .isEqualTo("unauthorized");
      HttpResponse<Buffer> metrics =
          http.get(port, "127.0.0.1", "/metrics")
              .putHeader(
                  "Authorization", "Bearer " + token("writer", null, "publish subscribe", 60))
              .send()
              .await();
      assertThat(metrics.statusCode()).isEqualTo(403);
      assertThat(
              http.get(port, "127.0.0.1", "/api/rules")
                  .putHeader(
                      "Authorization", "Bearer " + token("writer", null, "publish subscribe", 60))
                  .send()
                  .await()
                  .statusCode())
          .isEqualTo(403);
      assertThat(
              http.get(port, "127.0.0.1", "/api/rules")
                  .putHeader("Authorization", "Bearer " + token("operator", null, "admin", 60))
                  .send()
                  .await()
                  .statusCode())
          .isEqualTo(200);
      JsonObject explain =
          new JsonObject().put("event", Events.event("x-1", "test.http", null, null));
      assertThat(
              http.post(port, "127.0.0.1", "/api/rules/explain")
                  .putHeader(
                      "Authorization", "Bearer " + token("writer", null, "publish subscribe", 60))
                  .sendJsonObject(explain)
                  .await()
                  .statusCode())
          .isEqualTo(403);
      assertThat(
              http.post(port, "127.0.0.1", "/api/rules/explain")
                  .putHeader("Authorization", "Bearer " + token("operator", null, "admin", 60))
                  .sendJsonObject(explain)
                  .await()
                  .statusCode())
          .isEqualTo(200);
      HttpResponse<Buffer> published =
          http.post(port, "127.0.0.1", "/events")
              .putHeader("Authorization", "Bearer " + token("writer", null, "publish", 60))
              .putHeader("content-type", "application/cloudevents+json")
              .sendBuffer(event)
              .await();
      assertThat(published.statusCode()).isEqualTo(200);
      assertThat(
              published
                  .bodyAsJsonObject()
                  .getJsonArray("results")
                  .getJsonObject(0)
                  .getString("status"))
          .isEqualTo("accepted");
      assertThat(http.get(port, "127.0.0.1", "/health/live").send().await().statusCode())
          .isEqualTo(200);
    } finally {
      http.close();
    }
  }

  @Test
  @DisplayName("a token that expires during the session closes the socket with 1008")
  void expiryMidSession() {
    WsTestClient client =
        WsTestClient.connect(clients, bearer(token("brief", null, "subscribe", 3)));
    long deadline = System.currentTimeMillis() + 10_000;
    while (client.closeStatus() == null && System.currentTimeMillis() < deadline) {
      MeshScenarios.sleep(50);
    }
    assertThat(client.closeStatus()).isEqualTo((short) 1008);
  }

  @Test
  @DisplayName(
      "a tenant publishes only under its own source and its subscriptions never see another tenant's events")
  void tenancy() {
    try (WsTestClient acme =
            WsTestClient.connect(
                clients, bearer(token("acme-app", "acme", "publish subscribe", 60)));
        WsTestClient globex =
            WsTestClient.connect(
                clients, bearer(token("globex-app", "globex", "publish subscribe", 60)))) {
      JsonObject overheating = new JsonObject().put("type", new JsonArray().add("iot.overheating"));
      assertThat(
              acme.request(
                      new JsonObject()
                          .put("op", "subscribe")
                          .put("ref", 1)
                          .put("sub", "mine")
                          .put("pattern", overheating))
                  .getString("op"))
          .isEqualTo("subscribed");
      JsonObject prying = overheating.copy().put("reflextenant", new JsonArray().add("globex"));
      assertThat(
              acme.request(
                      new JsonObject()
                          .put("op", "subscribe")
                          .put("ref", 2)
                          .put("sub", "theirs")
                          .put("pattern", prying))
                  .getString("op"))
          .isEqualTo("subscribed");
      assertThat(
              globex
                  .request(
                      new JsonObject()
                          .put("op", "subscribe")
                          .put("ref", 3)
                          .put("sub", "mine")
                          .put("pattern", overheating))
                  .getString("op"))
          .isEqualTo("subscribed");

      JsonObject spoofed = hot("t-spoof", "/globex/sensors");
      JsonObject spoofAck =
          acme.request(
              new JsonObject()
                  .put("op", "publish")
                  .put("ref", 4)
                  .put("events", new JsonArray().add(spoofed)));
      assertThat(
              spoofAck
                  .getJsonArray("results")
                  .getJsonObject(0)
                  .getJsonObject("error")
                  .getString("code"))
          .isEqualTo("forbidden");

      assertThat(
              globex
                  .request(
                      new JsonObject()
                          .put("op", "publish")
                          .put("ref", 5)
                          .put(
                              "events",
                              new JsonArray()
                                  .add(hot("t-globex-" + UUID.randomUUID(), "/globex/sensors"))))
                  .getJsonArray("results")
                  .getJsonObject(0)
                  .getString("status"))
          .isEqualTo("accepted");
      globex.awaitEvent("mine", e -> "globex".equals(e.getString("reflextenant")));
      assertThat(
              acme.request(
                      new JsonObject()
                          .put("op", "publish")
                          .put("ref", 6)
                          .put(
                              "events",
                              new JsonArray()
                                  .add(hot("t-acme-" + UUID.randomUUID(), "/acme/sensors"))))
                  .getJsonArray("results")
                  .getJsonObject(0)
                  .getString("status"))
          .isEqualTo("accepted");
      acme.awaitEvent("mine", e -> "acme".equals(e.getString("reflextenant")));

      assertThat(acme.framesSoFar())
          .filteredOn(f -> "event".equals(f.getString("op")))
          .allSatisfy(
              f ->
                  assertThat(f.getJsonObject("event").getString("reflextenant")).isEqualTo("acme"));
      assertThat(globex.framesSoFar())
          .filteredOn(f -> "event".equals(f.getString("op")))
          .allSatisfy(
              f ->
                  assertThat(f.getJsonObject("event").getString("reflextenant"))
                      .isEqualTo("globex"));
    }
  }

  private static JsonObject hot(String id, String source) {
    return Events.metric(
            id,
            "temperature/" + source.substring(1, source.indexOf('/', 1)),
            95.0,
            java.time.Instant.now())
        .put("source", source);
  }

  @Test
  @DisplayName(
      "a flood beyond the rate limit is answered rate_limited per event, then closed with 1008")
  void flood() {
    WsTestClient flooder =
        WsTestClient.connect(clients, bearer(token("flooder", null, "publish", 60)));
    for (int i = 0; i < 200 && !flooder.isClosed(); i++) {
      flooder
          .socket()
          .writeTextMessage(
              new JsonObject()
                  .put("op", "publish")
                  .put("ref", i)
                  .put(
                      "events",
                      new JsonArray()
                          .add(
                              Events.event("flood-" + UUID.randomUUID(), "test.flood", null, null)))
                  .encode());
    }
    JsonObject limited =
        flooder.await(
            f ->
                "ack".equals(f.getString("op"))
                    && "rejected"
                        .equals(f.getJsonArray("results").getJsonObject(0).getString("status")));
    assertThat(
            limited
                .getJsonArray("results")
                .getJsonObject(0)
                .getJsonObject("error")
                .getString("code"))
        .isEqualTo("rate_limited");
    long deadline = System.currentTimeMillis() + 10_000;
    while (flooder.closeStatus() == null && System.currentTimeMillis() < deadline) {
      MeshScenarios.sleep(20);
    }
    assertThat(flooder.closeStatus()).isEqualTo((short) 1008);
  }

  @Test
  @DisplayName("one address gets at most its cap of WebSockets; the next is refused with 429")
  void connectionCap() {
    List<WsTestClient> opened = new ArrayList<>();
    try {
      int status = 0;
      for (int i = 0; i < CONNECTIONS_PER_ADDRESS + 1 && status == 0; i++) {
        Future<WebSocket> attempt =
            WsTestClient.open(clients, bearer(token("many-" + i, null, "subscribe", 60)));
        try {
          attempt.await().close().await();
          opened.add(
              WsTestClient.connect(clients, bearer(token("many-" + i, null, "subscribe", 60))));
        } catch (Exception e) {
          status = ((UpgradeRejectedException) attempt.cause()).getStatus();
        }
      }
      assertThat(status).isEqualTo(429);
      assertThat(opened.size() + 1)
          .isEqualTo(CONNECTIONS_PER_ADDRESS); // the bystander holds one slot
    } finally {
      opened.forEach(WsTestClient::close);
    }
  }
}
