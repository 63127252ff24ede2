package io.reflex.router.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SequenceRuleParserTest {

  private static JsonObject step(String type) {
    return new JsonObject().put("pattern", new JsonObject().put("type", new JsonArray().add(type)));
  }

  private static JsonObject sequence(String id, Object... steps) {
    return new JsonObject()
        .put("id", id)
        .put("within", "1m")
        .put("steps", new JsonArray(java.util.List.of(steps)))
        .put(
            "actions",
            new JsonArray().add(new JsonObject().put("emit", new JsonObject().put("type", "x"))));
  }

  @Test
  @DisplayName(
      "a sequence rule reads its key, window, steps with counts, contiguity and after-match")
  void valid() {
    RuleSet parsed =
        RuleParser.parse(
            new JsonObject()
                .put(
                    "rules",
                    new JsonArray()
                        .add(
                            sequence(
                                    "s",
                                    step("a").put("times", new JsonArray().add(2).add(4)),
                                    step("b").put("atLeast", 3))
                                .put("by", "data.user")
                                .put("within", "90s")
                                .put("contiguity", "strict")
                                .put("afterMatch", "no-skip"))));
    var rule = parsed.sequences().get(0);
    assertThat(rule.by().text()).isEqualTo("data.user");
    assertThat(rule.definition().withinMs()).isEqualTo(90_000);
    assertThat(rule.definition().strict()).isTrue();
    assertThat(rule.definition().skipPastLast()).isFalse();
    assertThat(rule.definition().steps())
        .extracting(s -> s.min() + ".." + s.max())
        .containsExactly("2..4", "3.." + Integer.MAX_VALUE);
  }

  @Test
  @DisplayName("sequence mistakes are named by rule and field")
  void invalid() {
    JsonObject notFirst =
        sequence(
            "not-first",
            new JsonObject().put("not", new JsonObject().put("type", new JsonArray().add("a"))),
            step("b"));
    JsonObject noWindow = sequence("no-window", step("a"), step("b"));
    noWindow.remove("within");
    JsonObject badTimes = sequence("bad-times", step("a").put("times", 0), step("b"));
    JsonObject both = sequence("both", step("a").put("times", 2).put("atLeast", 2), step("b"));
    JsonObject badDiffers =
        sequence(
            "bad-differs",
            step("a"),
            step("b").put("differs", new JsonObject().put("field", "data.c").put("from", 1)));
    JsonObject badPattern =
        sequence(
            "bad-pattern",
            step("a"),
            new JsonObject()
                .put(
                    "pattern",
                    new JsonObject()
                        .put(
                            "data",
                            new JsonObject()
                                .put(
                                    "v",
                                    new JsonArray()
                                        .add(
                                            new JsonObject()
                                                .put(
                                                    "numeric",
                                                    new JsonArray().add("<").add("x")))))));
    assertThatThrownBy(
            () ->
                RuleParser.parse(
                    new JsonObject()
                        .put(
                            "rules",
                            new JsonArray()
                                .add(notFirst)
                                .add(noWindow)
                                .add(badTimes)
                                .add(both)
                                .add(badDiffers)
                                .add(badPattern))))
        .isInstanceOfSatisfying(
            InvalidRulesException.class,
            e ->
                assertThat(e.errors())
                    .extracting(RuleError::rule, RuleError::field)
                    .containsExactlyInAnyOrder(
                        Tuple.tuple("not-first", "steps[0].not"),
                        Tuple.tuple("no-window", "within"),
                        Tuple.tuple("bad-times", "steps[0].times"),
                        Tuple.tuple("both", "steps[0]"),
                        Tuple.tuple("bad-differs", "steps[1].differs"),
                        Tuple.tuple("bad-pattern", "steps[1].pattern")));
  }
}
