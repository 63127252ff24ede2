package io.reflex.standalone.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.reflex.common.launch.Mesh;
import io.reflex.common.launch.MeshLauncher;
import io.reflex.common.testing.ExternalTool;
import io.reflex.common.testing.FreePort;
import io.reflex.standalone.demo.DemoVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The dashboard in real headless Chromium (chromium and chromedriver from the PATH, e.g. Debian's)
 * against a standalone mesh running the demo. The screenshot is kept as {@code
 * target/dashboard.png}.
 */
@ExtendWith(VertxExtension.class)
class DashboardBrowserTest {

  private static final long WAIT_MS = 90_000;

  private Mesh mesh;
  private ChromeDriver browser;
  private Path profile;

  /**
   * Starts the mesh with these gateway settings and the demo, and opens the page at {@code /ui}
   * plus the query.
   */
  private void open(JsonObject gateway, String query) throws Exception {
    String enables = "the dashboard browser test";
    Path chromium = ExternalTool.CHROMIUM.require(enables);
    Path chromedriver = ExternalTool.CHROMEDRIVER.require(enables);
    int port = FreePort.find();
    mesh =
        MeshLauncher.start(
                new MeshLauncher.Options(
                    false,
                    List.of(),
                    null,
                    new JsonObject()
                        .put(
                            "gateway",
                            gateway.copy().put("http", new JsonObject().put("port", port)))))
            .await();
    // Two fast sensors reach their first spike within seconds, so an anomaly shows up quickly.
    mesh.vertx()
        .deployVerticle(
            new DemoVerticle(),
            new DeploymentOptions()
                .setConfig(new JsonObject().put("devices", 2).put("eventsPerSecond", 400)))
        .await();
    profile = Files.createTempDirectory("reflex-chromium");
    ChromeOptions options =
        new ChromeOptions()
            .setBinary(chromium.toFile())
            // Keep Chromium off the network (it would otherwise call home) and fit for a container.
            .addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--window-size=1400,1050",
                "--user-data-dir=" + profile);
    browser =
        new ChromeDriver(
            new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort()
                .build(),
            options);
    browser.get("http://127.0.0.1:" + port + "/ui" + query);
  }

  @AfterEach
  void stop() throws Exception {
    if (browser != null) {
      browser.quit();
    }
    if (mesh != null) {
      mesh.close().await();
    }
    if (profile != null) {
      try (var files = Files.walk(profile)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Test
  @DisplayName(
      "a new user sees the series fill, an anomaly marked, live recommendations, rule hits and the members")
  void liveDashboard() throws Exception {
    open(new JsonObject(), "");
    assertThat(browser.getTitle()).isEqualTo("Reflex live dashboard");
    waitFor(
        "the connection to be live",
        () ->
            "live".equals(browser.findElement(By.id("connection")).getDomAttribute("data-state")));

    waitFor(
        "two series charts with points",
        () ->
            browser.findElements(By.cssSelector(".series canvas")).stream()
                    .filter(c -> number(c.getDomAttribute("data-points")) >= 30)
                    .count()
                >= 2);
    waitFor(
        "a detected anomaly marked on a chart",
        () ->
            browser.findElements(By.cssSelector(".series")).stream()
                .anyMatch(card -> number(card.getDomAttribute("data-anomalies")) > 0));
    waitFor(
        "a shopper's recommendations",
        () -> !browser.findElements(By.cssSelector("#recommendations li.item")).isEmpty());
    waitFor(
        "rule hits",
        () ->
            !browser
                .findElements(By.cssSelector("#rules .rule[data-rule=telemetry-to-anomaly]"))
                .isEmpty());
    waitFor("events per second", () -> number(browser.findElement(By.id("rate-in")).getText()) > 0);

    assertThat(browser.findElement(By.id("anomaly-count")).getText()).isNotEqualTo("0");
    assertThat(browser.findElement(By.id("cluster")).getText())
        .contains("standalone", "gateway", "anomaly");
    assertThat(browser.findElement(By.id("log")).getText())
        .contains("anomaly in temperature/device-");
    assertThat(browser.findElement(By.id("offline")).isDisplayed()).isFalse();
    Path target = Path.of("target", "dashboard.png");
    Files.createDirectories(target.getParent());
    Files.copy(
        browser.getScreenshotAs(OutputType.FILE).toPath(),
        target,
        StandardCopyOption.REPLACE_EXISTING);

    mesh.close().await();
    mesh = null;
    WebElement banner = browser.findElement(By.id("offline"));
    waitFor("the gateway-down banner", banner::isDisplayed);
    assertThat(browser.findElement(By.id("connection")).getText()).contains("unreachable");
  }

  @Test
  @DisplayName(
      "on a gateway that requires tokens, ?token= on the page opens the WebSocket (subprotocol) and the admin JSON endpoints")
  void dashboardWithToken(Vertx signer, @TempDir Path keys) throws Exception {
    String secret = "a-dashboard-test-secret-of-32-bytes-or-more";
    Path secretFile = Files.writeString(keys.resolve("jwt-secret"), secret);
    String token =
        JWTAuth.create(
                signer,
                new JWTAuthOptions()
                    .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(secret)))
            .generateToken(
                new JsonObject().put("sub", "operator").put("scope", "subscribe admin"),
                new JWTOptions().setExpiresInSeconds(600));
    open(
        new JsonObject().put("auth", new JsonObject().put("hmacSecretFile", secretFile.toString())),
        "/?token=" + token);

    waitFor(
        "the connection to be live",
        () ->
            "live".equals(browser.findElement(By.id("connection")).getDomAttribute("data-state")));
    waitFor(
        "a series chart with points",
        () ->
            browser.findElements(By.cssSelector(".series canvas")).stream()
                .anyMatch(c -> number(c.getDomAttribute("data-points")) >= 5));
    waitFor(
        "rule hits from /api/stats",
        () -> !browser.findElements(By.cssSelector("#rules .rule")).isEmpty());
    waitFor(
        "the members from /api/cluster",
        () -> browser.findElement(By.id("cluster")).getText().contains("gateway"));
    assertThat(browser.findElement(By.id("log")).getText()).doesNotContain("refused");
  }

  private static double number(String text) {
    try {
      return text == null ? 0 : Double.parseDouble(text.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static void waitFor(String what, Supplier<Boolean> condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + WAIT_MS * 1_000_000;
    while (!condition.get()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "the dashboard did not show " + what + " within " + WAIT_MS / 1000 + " s");
      }
      Thread.sleep(250);
    }
  }
}
