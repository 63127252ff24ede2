package io.reflex.router.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reflex.router.RouterHarness;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class RulesSourceTest {

  private Vertx vertx;

  @BeforeEach
  void start(Vertx vertx) {
    this.vertx = vertx;
  }

  private static String rule(String id, String type) {
    return "  - id: "
        + id
        + "\n    pattern:\n      type: ["
        + type
        + "]\n    actions:\n      - deliver: anomaly\n";
  }

  @Test
  @DisplayName("the bundled rules load and are valid")
  void bundled() {
    CompiledRules rules = new RulesSource(vertx, "", 0).load().await();
    assertThat(rules.rules())
        .extracting(Rule::id)
        .contains("telemetry-to-anomaly", "shopping-to-recommender");
  }

  @Test
  @DisplayName("an invalid file is refused at start with rule and field named")
  void invalidAtStart(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("rules.yaml");
    Files.writeString(
        file,
        "rules:\n  - id: broken\n    pattern:\n      type: reflex.metric\n    actions:\n      - deliver: anomaly\n");
    assertThatThrownBy(() -> new RulesSource(vertx, file.toString(), 0).load().await())
        .hasMessageContaining("rule 'broken', field 'pattern'");
  }

  @Test
  @DisplayName(
      "hot reload: a valid change is applied, an invalid one is refused and the previous rules stay")
  void hotReload(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("rules.yaml");
    RouterHarness.save(file, "rules:\n" + rule("first", "a.b"));
    RulesSource source = new RulesSource(vertx, file.toString(), 100);
    assertThat(source.load().await().rules()).extracting(Rule::id).containsExactly("first");
    LinkedBlockingQueue<CompiledRules> reloads = new LinkedBlockingQueue<>();
    source.watch(reloads::add);

    RouterHarness.save(file, "rules:\n" + rule("first", "a.b") + rule("second", "c.d"));
    CompiledRules reloaded = reloads.poll(10, TimeUnit.SECONDS);
    assertThat(reloaded).isNotNull();
    assertThat(reloaded.rules()).extracting(Rule::id).containsExactly("first", "second");

    RouterHarness.save(
        file, "rules:\n" + rule("first", "a.b") + "  - id: third\n    actions: []\n");
    long deadline = System.currentTimeMillis() + 10_000;
    while (source.lastError() == null && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
    }
    assertThat(source.lastError()).contains("rule 'third', field 'pattern'");
    assertThat(reloads).isEmpty();
    source.close();
  }

  @Test
  @DisplayName("a scan that finds the same document is not a reload")
  void unchangedDocument(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("rules.yaml");
    String document = "rules:\n" + rule("first", "a.b");
    RouterHarness.save(file, document);
    RulesSource source = new RulesSource(vertx, file.toString(), 50);
    source.load().await();
    LinkedBlockingQueue<CompiledRules> reloads = new LinkedBlockingQueue<>();
    source.watch(reloads::add);
    RouterHarness.save(file, document);
    assertThat(reloads.poll(1, TimeUnit.SECONDS)).as("a reload of the same rules").isNull();
    assertThat(source.version()).isEqualTo(1);

    RouterHarness.save(file, "rules:\n" + rule("second", "c.d"));
    assertThat(reloads.poll(10, TimeUnit.SECONDS)).as("the changed document").isNotNull();
    assertThat(source.version()).isEqualTo(2);
    source.close();
  }
}
