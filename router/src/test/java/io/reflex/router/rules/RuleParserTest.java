package io.reflex.router.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reflex.common.event.CloudEvent;
import io.reflex.eventlog.CloudEventRecords;
import io.reflex.router.action.Deliver;
import io.reflex.router.action.Emit;
import io.reflex.router.action.Publish;
import io.reflex.router.action.PublishRetry;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RuleParserTest {

  private static JsonObject rules(JsonObject... rules) {
    return new JsonObject().put("rules", new JsonArray(List.of((Object[]) rules)));
  }

  private static JsonObject rule(String id, JsonObject pattern, JsonObject... actions) {
    return new JsonObject()
        .put("id", id)
        .put("pattern", pattern)
        .put("actions", new JsonArray(List.of((Object[]) actions)));
  }

  private static final JsonObject METRIC =
      new JsonObject().put("type", new JsonArray().add("reflex.metric"));

  @Test
  @DisplayName("a valid document yields its rules and actions in order")
  void valid() {
    List<Rule> parsed =
        RuleParser.parse(
                rules(
                    rule("a", METRIC, new JsonObject().put("deliver", "anomaly")),
                    rule(
                        "b",
                        METRIC,
                        new JsonObject().put("emit", new JsonObject().put("type", "x.y")))))
            .fields();
    assertThat(parsed).extracting(Rule::id).containsExactly("a", "b");
    assertThat(parsed.get(0).actions().get(0))
        .isEqualTo(new Deliver("anomaly", "reflex.anomaly.score"));
    assertThat(parsed.get(1).actions().get(0)).isInstanceOf(Emit.class);
  }

  @Test
  @DisplayName(
      "a publish action names a valid topic and a known mode, or the error says which field is wrong")
  void publishActions() {
    List<Rule> parsed =
        RuleParser.parse(
                rules(
                    rule(
                        "p",
                        METRIC,
                        new JsonObject()
                            .put(
                                "publish",
                                new JsonObject()
                                    .put("topic", "ops.alerts")
                                    .put("mode", "binary")))))
            .fields();
    assertThat(parsed.get(0).actions().get(0))
        .isEqualTo(new Publish("ops.alerts", CloudEventRecords.Mode.BINARY, PublishRetry.DEFAULT));
    assertThatThrownBy(
            () ->
                RuleParser.parse(
                    rules(
                        rule(
                            "q",
                            METRIC,
                            new JsonObject()
                                .put("publish", new JsonObject().put("topic", "no spaces"))))))
        .hasMessageContaining("q")
        .hasMessageContaining("actions[0].publish.topic");
    assertThatThrownBy(
            () ->
                RuleParser.parse(
                    rules(
                        rule(
                            "r",
                            METRIC,
                            new JsonObject()
                                .put(
                                    "publish",
                                    new JsonObject().put("topic", "t").put("mode", "avro"))))))
        .hasMessageContaining("actions[0].publish.mode")
        .hasMessageContaining("avro");
    assertThatThrownBy(
            () ->
                RuleParser.parse(
                    rules(
                        rule(
                            "s",
                            METRIC,
                            new JsonObject()
                                .put(
                                    "publish",
                                    new JsonObject().put("topic", "t").put("key", "x"))))))
        .hasMessageContaining("actions[0].publish.key");
  }

  @Test
  @DisplayName(
      "a publish action's retry limits and dead-letter topic are read, and a bad one is named precisely")
  void publishRetry() {
    JsonObject publish =
        new JsonObject()
            .put("topic", "t")
            .put("deadLetter", "t.dead")
            .put(
                "retry",
                new JsonObject().put("attempts", 3).put("backoffMs", 50).put("maxBackoffMs", 400));
    List<Rule> parsed =
        RuleParser.parse(rules(rule("p", METRIC, new JsonObject().put("publish", publish))))
            .fields();
    PublishRetry retry = ((Publish) parsed.get(0).actions().get(0)).retry();
    assertThat(retry).isEqualTo(new PublishRetry(3, 50, 400, "t.dead"));
    assertThat(retry.pauseMs(1)).isBetween(25L, 50L);
    assertThat(retry.pauseMs(10)).isBetween(200L, 400L);

    assertThatThrownBy(
            () ->
                RuleParser.parse(
                    rules(
                        rule(
                            "q",
                            METRIC,
                            new JsonObject()
                                .put(
                                    "publish",
                                    publish
                                        .copy()
                                        .put("retry", new JsonObject().put("attempts", 0)))))))
        .hasMessageContaining("actions[0].publish.retry.attempts")
        .hasMessageContaining("from 1 to 100, was 0");
    assertThatThrownBy(
            () ->
                RuleParser.parse(
                    rules(
                        rule(
                            "r",
                            METRIC,
                            new JsonObject()
                                .put(
                                    "publish",
                                    publish
                                        .copy()
                                        .put(
                                            "retry",
                                            new JsonObject()
                                                .put("backoffMs", 500)
                                                .put("maxBackoffMs", 100)))))))
        .hasMessageContaining("actions[0].publish.retry.maxBackoffMs")
        .hasMessageContaining("at least backoffMs");
    assertThatThrownBy(
            () ->
                RuleParser.parse(
                    rules(
                        rule(
                            "s",
                            METRIC,
                            new JsonObject()
                                .put("publish", publish.copy().put("deadLetter", "no spaces"))))))
        .hasMessageContaining("actions[0].publish.deadLetter");
    assertThatThrownBy(
            () ->
                RuleParser.parse(
                    rules(
                        rule(
                            "u",
                            METRIC,
                            new JsonObject()
                                .put(
                                    "publish",
                                    publish
                                        .copy()
                                        .put("retry", new JsonObject().put("tries", 2)))))))
        .hasMessageContaining("actions[0].publish.retry.tries");
  }

  @Test
  @DisplayName(
      "every error is reported with rule, field and reason, and event-ruler's own message is kept")
  void invalid() {
    JsonObject badPattern =
        new JsonObject()
            .put(
                "data",
                new JsonObject()
                    .put(
                        "value",
                        new JsonArray()
                            .add(
                                new JsonObject()
                                    .put("numeric", new JsonArray().add(">").add("ten")))));
    assertThatThrownBy(
            () ->
                RuleParser.parse(
                    rules(
                        rule("bad-pattern", badPattern, new JsonObject().put("deliver", "anomaly")),
                        rule("bad-target", METRIC, new JsonObject().put("deliver", "nowhere")),
                        rule(
                            "dotted",
                            new JsonObject().put("data.value", new JsonArray().add(1)),
                            new JsonObject().put("deliver", "anomaly")),
                        new JsonObject().put("id", "no-actions").put("pattern", METRIC),
                        rule(
                            "bad-target",
                            METRIC,
                            new JsonObject().put("emit", new JsonObject().put("subject", "x"))))))
        .isInstanceOfSatisfying(
            InvalidRulesException.class,
            e -> {
              assertThat(e.errors())
                  .extracting(RuleError::rule, RuleError::field)
                  .contains(
                      org.assertj.core.groups.Tuple.tuple("bad-pattern", "pattern"),
                      org.assertj.core.groups.Tuple.tuple("bad-target", "actions[0].deliver"),
                      org.assertj.core.groups.Tuple.tuple("dotted", "pattern.data.value"),
                      org.assertj.core.groups.Tuple.tuple("no-actions", "actions"),
                      org.assertj.core.groups.Tuple.tuple("bad-target", "actions[0].emit.type"));
              assertThat(e.errors().get(0).reason()).containsIgnoringCase("numeric");
              assertThat(e.getMessage())
                  .contains(
                      "rule 'bad-target', field 'actions[0].deliver': unknown service 'nowhere'");
            });
  }

  @Test
  @DisplayName("duplicate ids and a missing rules list are refused")
  void structure() {
    assertThatThrownBy(
            () ->
                RuleParser.parse(
                    rules(
                        rule("a", METRIC, new JsonObject().put("deliver", "anomaly")),
                        rule("a", METRIC, new JsonObject().put("deliver", "anomaly")))))
        .hasMessageContaining("rule 'a', field 'id': another rule has the same id");
    assertThatThrownBy(() -> RuleParser.parse(new JsonObject()))
        .hasMessageContaining("no 'rules' list");
  }

  @Test
  @DisplayName("compiled rules match in document order, with the pattern language's operators")
  void matching() {
    CompiledRules compiled =
        new CompiledRules(
            RuleParser.parse(
                rules(
                    rule(
                        "hot",
                        new JsonObject()
                            .put(
                                "data",
                                new JsonObject()
                                    .put(
                                        "value",
                                        new JsonArray()
                                            .add(
                                                new JsonObject()
                                                    .put(
                                                        "numeric",
                                                        new JsonArray().add(">").add(90))))),
                        new JsonObject().put("deliver", "anomaly")),
                    rule("metric", METRIC, new JsonObject().put("deliver", "anomaly")))),
            "test");
    CloudEvent hot =
        CloudEvent.wrap(new JsonObject("{\"type\":\"reflex.metric\",\"data\":{\"value\":95}}"));
    CloudEvent cold =
        CloudEvent.wrap(new JsonObject("{\"type\":\"reflex.metric\",\"data\":{\"value\":20}}"));
    assertThat(compiled.match(hot).rules()).extracting(Rule::id).containsExactly("hot", "metric");
    assertThat(compiled.match(cold).rules()).extracting(Rule::id).containsExactly("metric");
    assertThat(compiled.match(CloudEvent.wrap(new JsonObject().put("type", "shop.view"))).rules())
        .isEmpty();
  }
}
