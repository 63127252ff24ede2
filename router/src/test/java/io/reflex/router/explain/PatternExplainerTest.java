package io.reflex.router.explain;

import static org.assertj.core.api.Assertions.assertThat;

import io.reflex.common.event.CloudEvent;
import io.reflex.common.pattern.PatternMatcher;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PatternExplainerTest {

  private static final JsonObject EVENT =
      new JsonObject()
          .put("type", "reflex.metric")
          .put("subject", "temperature/d1")
          .put(
              "data",
              new JsonObject()
                  .put("value", 85)
                  .put("ip", "10.0.0.7")
                  .put("tags", new JsonArray().add("hot").add("Lab"))
                  .put("nothing", (Object) null));

  @Test
  @DisplayName(
      "the first failing field is named with its operator, the value seen and the value wanted")
  void firstFailure() {
    PatternExplanation why =
        PatternExplainer.explain(
            "{\"type\":[\"reflex.metric\"],\"subject\":[{\"prefix\":"
                + "\"temperature/\"}],\"data\":{\"value\":[{\"numeric\":[\">\",90]}],\"unit\":[\"C\"]}}",
            EVENT);

    assertThat(why.failures()).isEqualTo(2);
    assertThat(why.toJson().getLong("fieldsChecked")).isEqualTo(4);
    assertThat(why.toJson().getJsonObject("failed"))
        .isEqualTo(
            new JsonObject()
                .put("field", "data.value")
                .put("operator", "numeric")
                .put("seen", 85)
                .put(
                    "wanted",
                    new JsonArray()
                        .add(new JsonObject().put("numeric", new JsonArray().add(">").add(90)))));
    assertThat(why.checks().get(3).toJson().getString("seen")).isEqualTo("absent");
  }

  @Test
  @DisplayName("an $or is explained by its nearest alternative")
  void nearestAlternative() {
    PatternExplanation why =
        PatternExplainer.explain(
            "{\"$or\":[{\"type\":[\"a\"],\"subject\":[\"b\"]},"
                + "{\"type\":[\"reflex.metric\"],\"subject\":[\"temperature/d2\"]}]}",
            EVENT);

    assertThat(why.failures()).isEqualTo(1);
    assertThat(why.firstFailure().field()).isEqualTo("subject");
  }

  /** Each operator agrees with event-ruler, the oracle, on the same event. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"type\":[\"reflex.metric\"]}",
        "{\"type\":[\"shop.view\", \"shop.cart\"]}",
        "{\"data\":{\"value\":[85.0]}}",
        "{\"data\":{\"value\":[\"85\"]}}",
        "{\"subject\":[{\"suffix\":\"/d1\"}]}",
        "{\"subject\":[{\"prefix\":{\"equals-ignore-case\":\"TEMPERATURE\"}}]}",
        "{\"data\":{\"tags\":[{\"equals-ignore-case\":\"LAB\"}]}}",
        "{\"subject\":[{\"wildcard\":\"temp*/d*\"}]}",
        "{\"subject\":[{\"wildcard\":\"*/d2\"}]}",
        "{\"type\":[{\"anything-but\":[\"reflex.metric\",\"x\"]}]}",
        "{\"type\":[{\"anything-but\":{\"prefix\":\"shop.\"}}]}",
        "{\"data\":{\"missing\":[{\"anything-but\":\"x\"}]}}",
        "{\"data\":{\"value\":[{\"numeric\":[\">=\",80,\"<\",85]}]}}",
        "{\"data\":{\"value\":[{\"numeric\":[\">\",80,\"<=\",85]}]}}",
        "{\"data\":{\"ip\":[{\"cidr\":\"10.0.0.0/24\"}]}}",
        "{\"data\":{\"ip\":[{\"cidr\":\"10.0.1.0/24\"}]}}",
        "{\"data\":{\"missing\":[{\"exists\":false}]}}",
        "{\"data\":{\"nothing\":[{\"exists\":true}]}}",
        "{\"data\":{\"nothing\":[null]}}",
        "{\"data\":{\"tags\":[\"hot\"]}}"
      })
  void agreesWithEventRuler(String pattern) {
    PatternMatcher<String> oracle = new PatternMatcher<>();
    oracle.add("rule", pattern);
    boolean matches = !oracle.match(CloudEvent.wrap(EVENT)).isEmpty();

    assertThat(PatternExplainer.explain(pattern, EVENT).failures() == 0)
        .as(pattern)
        .isEqualTo(matches);
  }
}
