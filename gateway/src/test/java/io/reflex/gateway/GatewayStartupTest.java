package io.reflex.gateway;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SelfSignedCertificate;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How the gateway starts: it refuses to serve an open gateway beyond loopback, and serves TLS when configured. */
class GatewayStartupTest {

  private Vertx vertx;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  @Test
  @DisplayName("an open gateway bound to every interface refuses to start and says what to configure")
  void refusesOpenExposure() {
    JsonObject config = new JsonObject().put("http", new JsonObject().put("host", "0.0.0.0").put("port", 0));
    assertThatThrownBy(() -> vertx.deployVerticle(new GatewayVerticle(), new DeploymentOptions().setConfig(config))
        .await()).hasMessageContaining("refusing to start").hasMessageContaining("gateway.auth.hmacSecretFile");
  }

  @Test
  @DisplayName("an API keys file holding a key in clear instead of its SHA-256 refuses to start and names the entry")
  void refusesKeyInClear(@TempDir Path dir) throws Exception {
    Path keys = Files.writeString(dir.resolve("api-keys.json"), new JsonObject().put("keys", new JsonArray()
        .add(new JsonObject().put("sha256", "0".repeat(64)).put("subject", "fine"))
        .add(new JsonObject().put("sha256", "my-secret-api-key").put("subject", "pasted"))).encode());
    JsonObject config = new JsonObject().put("http", new JsonObject().put("port", 0))
        .put("auth", new JsonObject().put("apiKeysFile", keys.toString()));
    assertThatThrownBy(() -> vertx.deployVerticle(new GatewayVerticle(), new DeploymentOptions().setConfig(config))
        .await()).hasMessageContaining("keys[1]").hasMessageContaining("sha256sum");
  }

  @Test
  @DisplayName("with a key and certificate configured the gateway speaks TLS only")
  void servesTls() {
    SelfSignedCertificate certificate = SelfSignedCertificate.create("localhost");
    GatewayVerticle gateway = new GatewayVerticle();
    vertx.deployVerticle(gateway, new DeploymentOptions().setConfig(new JsonObject()
        .put("http", new JsonObject().put("port", 0))
        .put("tls", new JsonObject().put("keyPath", certificate.privateKeyPath())
            .put("certPath", certificate.certificatePath())))).await();
    WebClient tls = WebClient.create(vertx, new WebClientOptions().setSsl(true).setTrustAll(true)
        .setVerifyHost(false));
    assertThat(tls.get(gateway.port(), "127.0.0.1", "/health/live").send().await().statusCode()).isEqualTo(200);
    WebClient plain = WebClient.create(vertx);
    assertThatThrownBy(() -> plain.get(gateway.port(), "127.0.0.1", "/health/live").timeout(5_000).send().await())
        .isInstanceOf(Exception.class);
  }
}
