package io.reflex.standalone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.reflex.common.testing.Events;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The offline {@code reflex rules} commands (explain, test suites) run as real processes on the
 * bundled rules.
 */
class RulesCliTest {

  private static final String RULES = "../router/src/main/resources/rules/default-rules.yaml";
  private static final String CASES = "../router/src/main/resources/rules/cases";

  @TempDir Path dir;

  @Test
  @DisplayName(
      "rules explain names, for each rule that misses, the first failing field, its operator, seen and wanted")
  void explain() {
    String event =
        Events.metric("e-1", "temperature/d1", 85, Instant.parse("2026-03-01T10:00:00Z")).encode();

    ReflexProcess explain = ReflexProcess.run(null, "rules", "explain", RULES, "--event", event);

    assertThat(explain.exitCode()).as(explain.stderr()).isZero();
    assertThat(explain.stdout())
        .contains(
            "matches: telemetry-to-anomaly\n",
            "overheating: data.value: numeric [{\"numeric\":[\">\",90]}], seen 85.0 (1 of 3 fields fail)",
            "overheating-then-door-open (sequence by data.device, key none");
    assertThat(explain.stdout().indexOf("  overheating:"))
        .as("nearest first")
        .isLessThan(explain.stdout().indexOf("  big-purchase:"));

    ReflexProcess json =
        ReflexProcess.run(null, "rules", "explain", RULES, "--event", event, "--json");
    assertThat(json.exitCode()).as(json.stderr()).isZero();
    JsonObject explained = new JsonObject(json.stdout());
    assertThat(explained.getJsonArray("rules").getJsonObject(0).getString("rule"))
        .isEqualTo("telemetry-to-anomaly");
  }

  @Test
  @DisplayName(
      "rules explain --before routes a stream first, so a sequence rule shows its held partial match and "
          + "what the event does to it")
  void explainAfterAStream() throws Exception {
    Path before = dir.resolve("failures.jsonl");
    Files.writeString(
        before,
        String.join(
            "\n",
            Events.event("f1", "auth.failed", "alice", null)
                .put("time", "2026-03-01T10:00:00Z")
                .encode(),
            Events.event("f2", "auth.failed", "alice", null)
                .put("time", "2026-03-01T10:00:10Z")
                .encode(),
            Events.event("f3", "auth.failed", "alice", null)
                .put("time", "2026-03-01T10:00:20Z")
                .encode()));
    String success =
        Events.event("ok", "auth.succeeded", "alice", null)
            .put("time", "2026-03-01T10:00:30Z")
            .encode();

    ReflexProcess explain =
        ReflexProcess.run(
            null, "rules", "explain", RULES, "--before", before.toString(), "--event", success);

    assertThat(explain.exitCode()).as(explain.stderr()).isZero();
    assertThat(explain.stdout())
        .contains(
            "brute-force-login (sequence by subject, key alice)",
            "    held: waits on step 0, counts [3,0], started 2026-03-01T10:00:00Z, deadline 2026-03-01T10:01:00Z",
            "    this event: fires 1 match(es)",
            "ends the partial match started 2026-03-01T10:00:00Z: completed");
  }

  @Test
  @DisplayName("rules explain refuses an event that is not JSON with exit code 2")
  void explainBadEvent() {
    ReflexProcess explain =
        ReflexProcess.run(null, "rules", "explain", RULES, "--event", "{not json");

    assertThat(explain.exitCode()).isEqualTo(2);
    assertThat(explain.stderr()).contains("--event must be one JSON object");
  }

  @Test
  @DisplayName(
      "rules test --cases runs the cases shipped for the bundled rules on virtual time and passes them all")
  void bundledCases() {
    ReflexProcess test = ReflexProcess.run(null, "rules", "test", RULES, "--cases", CASES);

    assertThat(test.exitCode()).as(test.stdout() + test.stderr()).isZero();
    assertThat(test.stdout())
        .contains("PASS abandoned-cart (4 events, 1 derived)", "10 of 10 case(s) passed");
  }

  @Test
  @DisplayName(
      "rules test --cases prints expected against actual and exits 1 when a case does not hold")
  void failingCase() throws Exception {
    Path cases = Files.createDirectories(dir.resolve("cases"));
    Files.copy(Path.of(CASES, "abandoned-cart.jsonl"), cases.resolve("cart.jsonl"));
    Files.writeString(
        cases.resolve("cart.expected.jsonl"),
        "{\"emit\": {\"type\": \"shop.cart-abandoned\", \"subject\": \"u2\"}}\n");

    ReflexProcess test =
        ReflexProcess.run(null, "rules", "test", RULES, "--cases", cases.toString());

    assertThat(test.exitCode()).as(test.stderr()).isEqualTo(1);
    assertThat(test.stdout())
        .contains(
            "FAIL cart (4 events, 1 derived)",
            "  - expected, not produced:   {\"emit\":{\"type\":\"shop.cart-abandoned\",\"subject\":\"u2\"}}",
            "  + produced, not expected:   emit (rule abandoned-cart) {",
            "\"subject\":\"u1\"",
            "0 of 1 case(s) passed");
  }

  @Test
  @DisplayName("rules test wants exactly one of --event and --cases")
  void eventOrCases() {
    ReflexProcess test = ReflexProcess.run(null, "rules", "test", RULES);

    assertThat(test.exitCode()).isEqualTo(2);
    assertThat(test.stderr()).contains("give either --event JSON or --cases DIR");
  }
}
