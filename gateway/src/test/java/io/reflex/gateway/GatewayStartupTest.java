package io.reflex.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SelfSignedCertificate;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.Checkpoint;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the gateway starts: it refuses to serve an open gateway beyond loopback or a setting out of
 * range, and serves TLS when configured.
 */
@ExtendWith(VertxExtension.class)
class GatewayStartupTest {

  @Test
  @DisplayName(
      "an open gateway bound to every interface refuses to start and says what to configure")
  void refusesOpenExposure(Vertx vertx, VertxTestContext test) {
    JsonObject config =
        new JsonObject().put("http", new JsonObject().put("host", "0.0.0.0").put("port", 0));
    refusesToStart(
        vertx,
        test,
        config,
        e ->
            assertThat(e)
                .hasMessageContaining("refusing to start")
                .hasMessageContaining("gateway.auth.hmacSecretFile"));
  }

  @Test
  @DisplayName("a publish linger out of range refuses to start and names the setting")
  void refusesNegativeLinger(Vertx vertx, VertxTestContext test) {
    JsonObject config =
        new JsonObject().put("http", new JsonObject().put("port", 0)).put("publishLingerMs", -1);
    refusesToStart(
        vertx,
        test,
        config,
        e ->
            assertThat(e).hasMessage("gateway.publishLingerMs must be between 0 and 1000, was -1"));
  }

  @Test
  @DisplayName(
      "an API keys file holding a key in clear instead of its SHA-256 refuses to start and names the entry")
  void refusesKeyInClear(Vertx vertx, VertxTestContext test, @TempDir Path dir) throws Exception {
    Path keys =
        Files.writeString(
            dir.resolve("api-keys.json"),
            new JsonObject()
                .put(
                    "keys",
                    new JsonArray()
                        .add(new JsonObject().put("sha256", "0".repeat(64)).put("subject", "fine"))
                        .add(
                            new JsonObject()
                                .put("sha256", "my-secret-api-key")
                                .put("subject", "pasted")))
                .encode());
    JsonObject config =
        new JsonObject()
            .put("http", new JsonObject().put("port", 0))
            .put("auth", new JsonObject().put("apiKeysFile", keys.toString()));
    refusesToStart(
        vertx,
        test,
        config,
        e -> assertThat(e).hasMessageContaining("keys[1]").hasMessageContaining("sha256sum"));
  }

  @Test
  @DisplayName("with a key and certificate configured the gateway speaks TLS only")
  void servesTls(Vertx vertx, VertxTestContext test) {
    SelfSignedCertificate certificate = SelfSignedCertificate.create("localhost");
    GatewayVerticle gateway = new GatewayVerticle();
    WebClient tls =
        WebClient.create(
            vertx, new WebClientOptions().setSsl(true).setTrustAll(true).setVerifyHost(false));
    WebClient plain = WebClient.create(vertx);
    Checkpoint servedOverTls = test.checkpoint();
    Checkpoint plainRefused = test.checkpoint();
    vertx
        .deployVerticle(
            gateway,
            new DeploymentOptions()
                .setConfig(
                    new JsonObject()
                        .put("http", new JsonObject().put("port", 0))
                        .put(
                            "tls",
                            new JsonObject()
                                .put("keyPath", certificate.privateKeyPath())
                                .put("certPath", certificate.certificatePath()))))
        .compose(id -> tls.get(gateway.port(), "127.0.0.1", "/health/live").send())
        .onComplete(
            test.succeeding(
                response ->
                    test.verify(
                        () -> {
                          assertThat(response.statusCode()).isEqualTo(200);
                          servedOverTls.flag();
                        })))
        .compose(
            response ->
                plain.get(gateway.port(), "127.0.0.1", "/health/live").timeout(5_000).send())
        .onComplete(test.failing(e -> plainRefused.flag()));
  }

  /** Deploys a gateway with {@code config}, which must fail, and checks why. */
  private static void refusesToStart(
      Vertx vertx, VertxTestContext test, JsonObject config, Consumer<Throwable> why) {
    vertx
        .deployVerticle(new GatewayVerticle(), new DeploymentOptions().setConfig(config))
        .onComplete(
            test.failing(
                e ->
                    test.verify(
                        () -> {
                          why.accept(e);
                          test.completeNow();
                        })));
  }
}
