package io.reflex.standalone.ui;

import io.reflex.common.launch.Mesh;
import io.reflex.common.launch.MeshLauncher;
import io.reflex.common.testing.FreePort;
import io.reflex.standalone.demo.DemoVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard in real headless Chromium (Debian's chromium and chromedriver) against a standalone mesh running the
 * demo. The screenshot is kept as {@code target/dashboard.png}.
 */
class DashboardBrowserTest {

  private static final long WAIT_MS = 90_000;

  private Mesh mesh;
  private ChromeDriver browser;
  private Path profile;

  @BeforeEach
  void start() throws Exception {
    int port = FreePort.find();
    mesh = MeshLauncher.start(new MeshLauncher.Options(false, List.of(), null, new JsonObject()
        .put("gateway", new JsonObject().put("http", new JsonObject().put("port", port))))).await();
    // Two fast sensors reach their first spike within seconds, so an anomaly shows up quickly.
    mesh.vertx().deployVerticle(new DemoVerticle(), new DeploymentOptions()
        .setConfig(new JsonObject().put("devices", 2).put("eventsPerSecond", 400))).await();
    profile = Files.createTempDirectory("reflex-chromium");
    ChromeOptions options = new ChromeOptions()
        .setBinary("/usr/bin/chromium")
        // Keep Chromium off the network (it would otherwise call home) and fit for a container.
        .addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-dev-shm-usage", "--window-size=1400,1050", "--user-data-dir=" + profile);
    browser = new ChromeDriver(new ChromeDriverService.Builder()
        .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build(), options);
    browser.get("http://127.0.0.1:" + port + "/ui");
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
  @DisplayName("a new user sees the series fill, an anomaly marked, live recommendations, rule hits and the members")
  void liveDashboard() throws Exception {
    assertThat(browser.getTitle()).isEqualTo("Reflex live dashboard");
    waitFor("the connection to be live", () -> "live".equals(
        browser.findElement(By.id("connection")).getDomAttribute("data-state")));

    waitFor("two series charts with points", () -> browser.findElements(By.cssSelector(".series canvas")).stream()
        .filter(c -> number(c.getDomAttribute("data-points")) >= 30).count() >= 2);
    waitFor("a detected anomaly marked on a chart", () -> browser.findElements(By.cssSelector(".series")).stream()
        .anyMatch(card -> number(card.getDomAttribute("data-anomalies")) > 0));
    waitFor("a shopper's recommendations", () -> !browser.findElements(By.cssSelector("#recommendations li.item"))
        .isEmpty());
    waitFor("rule hits", () -> !browser.findElements(By.cssSelector("#rules .rule[data-rule=telemetry-to-anomaly]"))
        .isEmpty());
    waitFor("events per second", () -> number(browser.findElement(By.id("rate-in")).getText()) > 0);

    assertThat(browser.findElement(By.id("anomaly-count")).getText()).isNotEqualTo("0");
    assertThat(browser.findElement(By.id("cluster")).getText()).contains("standalone", "gateway", "anomaly");
    assertThat(browser.findElement(By.id("log")).getText()).contains("anomaly in temperature/device-");
    assertThat(browser.findElement(By.id("offline")).isDisplayed()).isFalse();
    Path target = Path.of("target", "dashboard.png");
    Files.createDirectories(target.getParent());
    Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);

    mesh.close().await();
    mesh = null;
    WebElement banner = browser.findElement(By.id("offline"));
    waitFor("the gateway-down banner", banner::isDisplayed);
    assertThat(browser.findElement(By.id("connection")).getText()).contains("unreachable");
  }

  private static double number(String text) {
    try {
      return text == null ? 0 : Double.parseDouble(text.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static void waitFor(String what, Supplier<Boolean> condition) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT_MS * 1_000_000;
    while (!condition.get()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the dashboard did not show " + what + " within " + WAIT_MS / 1000 + " s");
      }
      Thread.sleep(250);
    }
  }
}
