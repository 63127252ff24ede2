package io.reflex.router.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaseRunnerTest {

  private static final String CART =
      "{\"specversion\":\"1.0\",\"id\":\"c1\",\"source\":\"app\",\"type\":\"shop.cart\","
          + "\"subject\":\"u1\",\"time\":\"2026-03-01T10:00:00Z\",\"data\":{\"user\":\"u1\",\"item\":\"lamp\"}}";

  @TempDir Path dir;

  @Test
  @DisplayName(
      "a wrong expectation is reported as missing, the real derived event as unexpected, a forbidden one too")
  void mismatches() throws Exception {
    Files.writeString(dir.resolve("cart.jsonl"), CART + "\n");
    Files.writeString(
        dir.resolve("cart.expected.jsonl"),
        """
        {"emit": {"type": "shop.cart-abandoned", "subject": "u2"}}
        {"absent": {"emit": {"type": "shop.cart-abandoned", "data": {"item": "lamp"}}}}
        {"deliver": "recommender", "event": {"id": "c1"}}
        """);

    CaseResult result =
        BundledRuleCasesTest.runner(BundledRuleCasesTest.bundled())
            .run(RuleCase.readAll(dir).get(0));

    assertThat(result.passed()).isFalse();
    assertThat(result.missing())
        .singleElement()
        .extracting(e -> e.event().getString("subject"))
        .isEqualTo("u2");
    assertThat(result.unexpected())
        .singleElement()
        .extracting(o -> o.event().subject())
        .isEqualTo("u1");
    assertThat(result.forbidden())
        .singleElement()
        .extracting(RehearsedOutput::rule)
        .isEqualTo("abandoned-cart");
  }

  @Test
  @DisplayName("a recorded event without a time is refused with its file and line")
  void eventWithoutTime() throws Exception {
    Files.writeString(
        dir.resolve("c.jsonl"),
        "# a comment\n" + CART.replace("\"time\":\"2026-03-01T10:00:00Z\",", ""));
    Files.writeString(dir.resolve("c.expected.jsonl"), "");

    assertThatThrownBy(() -> RuleCase.readAll(dir))
        .hasMessage("c.jsonl:2: the event has no 'time'; a case runs on " + "event time");
  }

  @Test
  @DisplayName(
      "an expectation that is none of emit, deliver or publish is refused with its file and line")
  void badExpectation() throws Exception {
    Files.writeString(dir.resolve("c.jsonl"), CART);
    Files.writeString(dir.resolve("c.expected.jsonl"), "{\"emitt\": {}}");

    assertThatThrownBy(() -> RuleCase.readAll(dir))
        .hasMessageStartingWith("c.expected.jsonl:1: an expectation is");
  }
}
