package io.reflex.common.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import io.reflex.common.event.CloudEvent;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PatternMatcherTest {

  private static CloudEvent event(String type, String subject) {
    return CloudEvent.wrap(
        new JsonObject()
            .put("specversion", "1.0")
            .put("id", "e-1")
            .put("source", "test")
            .put("type", type)
            .put("subject", subject)
            .put("data", new JsonObject().put("value", 95)));
  }

  @Test
  @DisplayName(
      "patterns that name their types match events of those types, and nothing of other types")
  void typedPatterns() {
    PatternMatcher<String> matcher = new PatternMatcher<>();
    matcher.add(
        "hot", "{\"type\":[\"reflex.metric\"],\"data\":{\"value\":[{\"numeric\":[\">\",90]}]}}");
    matcher.add("logins", "{\"type\":[\"auth.failed\",\"auth.succeeded\"]}");

    assertThat(matcher.match(event("reflex.metric", "t/1"))).containsExactly("hot");
    assertThat(matcher.match(event("auth.succeeded", "u-1"))).containsExactly("logins");
    assertThat(matcher.match(event("reflex.anomaly.scored", "t/1"))).isEmpty();
  }

  @Test
  @DisplayName(
      "a pattern that allows any type (no type, or an operator on it) still sees events of every type")
  void untypedPatternsSeeEveryType() {
    PatternMatcher<String> matcher = new PatternMatcher<>();
    matcher.add("typed", "{\"type\":[\"reflex.metric\"]}");
    matcher.add("by-subject", "{\"subject\":[{\"prefix\":\"t/\"}]}");
    matcher.add("by-type-prefix", "{\"type\":[{\"prefix\":\"reflex.anomaly.\"}]}");

    assertThat(matcher.match(event("reflex.anomaly.scored", "t/1")))
        .containsExactlyInAnyOrder("by-subject", "by-type-prefix");
    assertThat(matcher.match(event("shop.view", "u-1"))).isEmpty();
    assertThat(matcher.match(event("shop.view", "t/2"))).containsExactly("by-subject");
  }

  @Test
  @DisplayName(
      "patterns asking only for types and patterns asking for more match together, each key once")
  void typeOnlyAndFieldPatternsTogether() {
    PatternMatcher<String> matcher = new PatternMatcher<>();
    matcher.add("metrics", "{\"type\":[\"reflex.metric\"]}");
    matcher.add("metrics-and-logins", "{\"type\":[\"reflex.metric\",\"auth.failed\"]}");
    matcher.add(
        "hot", "{\"type\":[\"reflex.metric\"],\"data\":{\"value\":[{\"numeric\":[\">\",90]}]}}");
    matcher.add(
        "cold", "{\"type\":[\"reflex.metric\"],\"data\":{\"value\":[{\"numeric\":[\"<\",0]}]}}");

    assertThat(matcher.match(event("reflex.metric", "t/1")))
        .containsExactlyInAnyOrder("metrics", "metrics-and-logins", "hot");
    assertThat(matcher.match(event("auth.failed", "u-1"))).containsExactly("metrics-and-logins");
    assertThat(matcher.size()).isEqualTo(4);
  }
}
