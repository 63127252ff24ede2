package io.reflex.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.reflex.common.launch.Mesh;
import io.reflex.common.launch.MeshLauncher;
import io.reflex.common.testing.FreePort;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A tiny bounded load through a real mesh on loopback: correctness of the harness only, never its
 * speed.
 */
class LoadGeneratorTest {

  private final Vertx generator = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
  private Mesh mesh;

  @AfterEach
  void stop() {
    generator.close().await();
    if (mesh != null) {
      mesh.close().await();
    }
  }

  @ParameterizedTest(name = "{0}, {1} event(s) per frame")
  @CsvSource({"telemetry, 1", "shopping, 10"})
  @DisplayName(
      "every published event is acknowledged and every derived event comes back to the connection that caused it")
  void everyEventIsAcknowledgedAndMatched(String workload, int batch) {
    int port = startMesh(null);
    StepResult result = load(Workload.parse(workload), batch, port);

    assertThat(result.sent()).isEqualTo(400);
    assertThat(result.acked()).isEqualTo(result.sent());
    assertThat(result.errors()).isZero();
    assertThat(result.expectedOutputs()).isPositive();
    assertThat(result.outputs()).isEqualTo(result.expectedOutputs());
    assertThat(result.ackMicros().getTotalCount()).isEqualTo(result.sent());
    assertThat(result.outputMicros().getTotalCount()).isEqualTo(result.expectedOutputs());
  }

  @Test
  @DisplayName(
      "the rule-heavy workload's 10,000 generated field rules load, and each reading matches exactly one")
  void ruleHeavyRulesMatchOneRulePerReading(@TempDir Path dir) throws Exception {
    Path rules = Files.writeString(dir.resolve("rules.yaml"), Workload.RULE_HEAVY.rulesFile());
    int port = startMesh(rules);
    StepResult result = load(Workload.RULE_HEAVY, 1, port);

    assertThat(result.errors()).isZero();
    assertThat(result.outputs()).isEqualTo(result.sent());
  }

  @Test
  @DisplayName(
      "connections that did not subscribe are owed no derived events, so an echo baseline can be sustainable")
  void echoBaselineOwesNoDerivedEvents() {
    int port = FreePort.find();
    generator
        .createHttpServer()
        .webSocketHandler(socket -> socket.textMessageHandler(socket::writeTextMessage))
        .listen(port, "127.0.0.1")
        .await();
    LoadGenerator load = new LoadGenerator(generator, Workload.TELEMETRY, 1);
    load.connect(port, 4, false).await();
    StepResult result = load.run(200, 2000, 30_000).await();

    assertThat(result.acked()).isEqualTo(result.sent());
    assertThat(result.expectedOutputs()).isZero();
    assertThat(result.sustainable(60_000_000)).isTrue();
  }

  @Test
  @DisplayName(
      "a backlog that keeps growing through the run is told apart from one that stays flat")
  void growingBacklog() {
    assertThat(LoadGenerator.growing(List.of(40L, 55L, 38L, 61L, 47L))).isFalse();
    assertThat(LoadGenerator.growing(List.of(1000L, 3000L, 6000L, 9000L, 12000L))).isTrue();
  }

  private int startMesh(Path rules) {
    int port = FreePort.find();
    JsonObject overrides =
        new JsonObject()
            .put("gateway", new JsonObject().put("http", new JsonObject().put("port", port)));
    if (rules != null) {
      overrides.put(
          "router", new JsonObject().put("rules", new JsonObject().put("path", rules.toString())));
    }
    mesh = MeshLauncher.start(new MeshLauncher.Options(false, List.of(), null, overrides)).await();
    return port;
  }

  private StepResult load(Workload workload, int batch, int port) {
    LoadGenerator load = new LoadGenerator(generator, workload, batch);
    load.connect(port, 4, true).await();
    return load.run(200, 2000, 30_000).await();
  }
}
