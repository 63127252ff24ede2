package io.reflex.standalone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.reflex.client.ClientOptions;
import io.reflex.client.ReflexClient;
import io.reflex.common.launch.Mesh;
import io.reflex.common.launch.MeshLauncher;
import io.reflex.common.testing.Events;
import io.reflex.common.testing.FreePort;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code reflex} CLI run as real processes, against a mesh started in the test JVM where one is
 * needed.
 */
@ExtendWith(VertxExtension.class)
class CliProcessTest {

  private static final String RULES = "../router/src/main/resources/rules/default-rules.yaml";

  private static Mesh mesh;
  private static int port;

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    port = FreePort.find();
    mesh =
        MeshLauncher.start(
                new MeshLauncher.Options(
                    false,
                    List.of("ingestion", "router", "anomaly", "gateway"),
                    null,
                    new JsonObject()
                        .put(
                            "gateway",
                            new JsonObject().put("http", new JsonObject().put("port", port)))))
            .await();
  }

  @AfterAll
  static void stop() {
    mesh.close().await();
  }

  @Test
  @DisplayName(
      "send reads JSON Lines from stdin and summarises accepted, duplicate and rejected events with reasons")
  void sendSummary() {
    String metric = Events.metric("cli-1", "temperature/cli", 21, Instant.now()).encode();
    String stdin = metric + "\n" + metric + "\n{\"id\":\"cli-3\"}\nnot json\n";

    ReflexProcess send = ReflexProcess.run(stdin, "send", "-p", String.valueOf(port));

    assertThat(send.exitCode()).as(send.stderr()).isEqualTo(1);
    assertThat(send.stdout())
        .contains(
            "3 events sent to ws://127.0.0.1:" + port + "/ws: 1 accepted, 1 duplicate, 2 rejected")
        .contains("event 3 (id cli-3): missing_attribute")
        .contains("event 4: invalid_json");
  }

  @Test
  @DisplayName("send of a JSON array file where every event is accepted exits 0")
  void sendFileAllAccepted() throws Exception {
    Path file = dir.resolve("events.json");
    Files.writeString(
        file,
        "["
            + Events.metric("arr-1", "temperature/cli", 20, Instant.now()).encode()
            + ",\n"
            + Events.metric("arr-2", "temperature/cli", 22, Instant.now()).encode()
            + "]");

    ReflexProcess send =
        ReflexProcess.run(null, "send", file.toString(), "--port", String.valueOf(port));

    assertThat(send.exitCode()).as(send.stderr()).isZero();
    assertThat(send.stdout()).contains("2 events sent", "2 accepted, 0 duplicate, 0 rejected");
  }

  @Test
  @DisplayName("send without a gateway exits 3 and says how to start one")
  void sendWithoutGateway() {
    ReflexProcess send = ReflexProcess.run("{}\n", "send", "-p", String.valueOf(FreePort.find()));

    assertThat(send.exitCode()).isEqualTo(3);
    assertThat(send.stderr()).contains("cannot reach a gateway", "reflex standalone");
  }

  @Test
  @DisplayName("subscribe prints each matching output event as one JSON line")
  void subscribePrintsEvents(Vertx vertx) throws Exception {
    ReflexProcess subscribe =
        ReflexProcess.start(
            null,
            "subscribe",
            "-p",
            String.valueOf(port),
            "--pattern",
            "{\"type\":[\"iot.overheating\"]}",
            "--count",
            "1");
    try {
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (!subscribe.stderr().contains("subscribed") && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertThat(subscribe.stderr()).contains("subscribed");
      ReflexClient client = ReflexClient.connect(vertx, ClientOptions.local(port)).await();
      client.publish(Events.metric("sub-hot", "temperature/kiln", 120, Instant.now())).await();
      client.close().await();

      assertThat(subscribe.waitForExit()).as(subscribe.stderr()).isZero();
      JsonObject printed = new JsonObject(subscribe.stdout().trim());
      assertThat(printed.getString("type")).isEqualTo("iot.overheating");
      assertThat(printed.getString("causationid")).isEqualTo("sub-hot");
    } finally {
      subscribe.destroy();
    }
  }

  @Test
  @DisplayName(
      "rules validate accepts the bundled rules and names rule and field of every problem in a bad file")
  void rulesValidate() throws Exception {
    ReflexProcess valid = ReflexProcess.run(null, "rules", "validate", RULES);
    assertThat(valid.exitCode()).as(valid.stderr()).isZero();
    assertThat(valid.stdout()).contains("valid rules", "overheating", "(sequence)");

    Path bad = dir.resolve("bad.yaml");
    Files.writeString(
        bad,
        "rules:\n  - id: bad\n    pattern:\n      type: [x]\n    actions:\n      - deliver: nowhere\n");
    ReflexProcess invalid = ReflexProcess.run(null, "rules", "validate", bad.toString());
    assertThat(invalid.exitCode()).isEqualTo(1);
    assertThat(invalid.stdout()).contains("rule 'bad'", "actions[0].deliver", "nowhere");
  }

  @Test
  @DisplayName(
      "rules test shows the matching rules, their deliveries and the derived events they would emit")
  void rulesTest() {
    ReflexProcess test =
        ReflexProcess.run(
            null,
            "rules",
            "test",
            RULES,
            "--event",
            Events.metric("r-1", "temperature/d1", 95, Instant.parse("2026-03-01T10:00:00Z"))
                .encode());

    assertThat(test.exitCode()).as(test.stderr()).isZero();
    assertThat(test.stdout())
        .contains(
            "rule(s) match",
            "telemetry-to-anomaly",
            "deliver to anomaly",
            "overheating",
            "\"type\":\"iot.overheating\"",
            "temperature/d1 reads 95",
            "overheating-then-door-open (sequence): this event matches step(s) [0]");
  }

  @Test
  @DisplayName("completion prints a bash completion script that knows the subcommands")
  void completion() {
    ReflexProcess completion = ReflexProcess.run(null, "completion");

    assertThat(completion.exitCode()).isZero();
    assertThat(completion.stdout())
        .contains("complete -F", "send", "subscribe", "rules", "bench", "--scenario");
  }

  @Test
  @DisplayName(
      "bench runs a tiny bounded scenario in child JVMs and prints the Markdown table, Reflex next to its baseline")
  void benchPrintsTheTable() throws Exception {
    Path results = dir.resolve("results.md");
    ReflexProcess bench =
        ReflexProcess.start(
            null,
            "bench",
            "--connections",
            "2",
            "--rate",
            "50",
            "--max-steps",
            "1",
            "--warmup",
            "1",
            "--measure",
            "2",
            "--p99-ms",
            "1000",
            "--work-dir",
            dir.resolve("bench").toString(),
            "--out",
            results.toString());
    try {
      assertThat(bench.waitForExit(600)).as(bench.stderr()).isZero();
    } finally {
      bench.destroy();
    }

    String table = Files.readString(results);
    assertThat(bench.stdout()).contains("| offered ev/s | Reflex ev/s | baseline ev/s |");
    assertThat(table)
        .contains(
            "### standalone",
            "reflex bench --scenario standalone --workload telemetry",
            "Highest sustainable rate");
    String row =
        table
            .lines()
            .filter(line -> line.startsWith("| 50 |"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no row for the 50 ev/s step in\n" + table));
    String[] cells = row.split("\\|");
    assertThat(cells[6].trim()).as("p99 ÷ baseline in %s", row).matches("\\d+\\.\\d\\d");
    assertThat(cells[8].trim())
        .as("derived received / expected in %s", row)
        .matches("([1-9]\\d*) / \\1");
    assertThat(bench.stderr()).contains("bench: warming up", "100% done");
  }
}
