package io.reflex.router.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RuleTelemetryTest {

  @Test
  @DisplayName("10,000 rules export the busiest few by name and the rest summed as 'other'")
  void boundedCardinality() {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    RuleTelemetry telemetry = new RuleTelemetry(meters, 5);
    for (int rule = 0; rule < 10_000; rule++) {
      for (int match = 0; match <= rule % 100; match++) {
        telemetry.matched("rule-" + rule);
      }
      telemetry.derived("rule-" + rule, 1);
    }
    for (int match = 0; match < 1000; match++) {
      telemetry.matched("rule-7");
    }
    telemetry.sequence("rule-7", 3, 1200);
    telemetry.sequence("rule-7", -1, -400);
    telemetry.cost("rule-7", 5_000);
    telemetry.cost("rule-7", 3_000);

    telemetry.publish();

    for (String metric :
        new String[] {
          "reflex_rule_hits",
          "reflex_rule_matches_per_second",
          "reflex_rule_match_cost_microseconds",
          "reflex_rule_derived_events",
          "reflex_rule_partials_held",
          "reflex_rule_state_bytes"
        }) {
      assertThat(meters.find(metric).gauges()).as(metric).hasSize(6);
    }
    Map<String, Double> derived = rows(meters, "reflex_rule_derived_events");
    assertThat(derived).containsEntry("other", 9_995.0).containsKey("rule-7");
    assertThat(rows(meters, "reflex_rule_hits").get("rule-7"))
        .as("the busiest, named")
        .isEqualTo(1008.0);
    assertThat(rows(meters, "reflex_rule_partials_held").get("rule-7")).isEqualTo(2.0);
    assertThat(rows(meters, "reflex_rule_state_bytes").get("rule-7")).isEqualTo(800.0);
    assertThat(rows(meters, "reflex_rule_match_cost_microseconds").get("rule-7")).isEqualTo(4.0);
    assertThat(telemetry.hits("rule-5")).isEqualTo(6);
  }

  @Test
  @DisplayName("one event in 256 has its cost measured")
  void sampling() {
    RuleTelemetry telemetry = new RuleTelemetry(new SimpleMeterRegistry(), 5);
    int sampled = 0;
    for (int i = 0; i < 256 * 10; i++) {
      sampled += telemetry.sample() ? 1 : 0;
    }
    assertThat(sampled).isEqualTo(10);
  }

  private static Map<String, Double> rows(SimpleMeterRegistry meters, String metric) {
    return meters.find(metric).gauges().stream()
        .collect(Collectors.toMap(gauge -> gauge.getId().getTag("rule"), Gauge::value));
  }
}
