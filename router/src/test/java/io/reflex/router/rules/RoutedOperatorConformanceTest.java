package io.reflex.router.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.reflex.common.event.CloudEvent;
import io.reflex.router.RouterHarness;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link OperatorConformanceTest}'s cases through the real router verticle: every case is a rule in
 * one rules file, its two events go in on the router's address in one batch, and only the matching
 * one's derived event comes out on the gateways'. A case's rule also names the case (extension
 * {@code conformancecase}), so no case's event can match another case's rule.
 */
@ExtendWith(VertxExtension.class)
class RoutedOperatorConformanceTest {

  private static final String MATCHED = "conformance.matched";

  @TempDir static Path dir;
  private static RouterHarness router;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    JsonArray rules = new JsonArray();
    List<Arguments> cases = OperatorConformanceTest.operators().toList();
    for (int i = 0; i < cases.size(); i++) {
      JsonObject pattern =
          new JsonObject((String) cases.get(i).get()[1])
              .put("conformancecase", new JsonArray().add(tag(i)));
      rules.add(
          new JsonObject()
              .put("id", "case-" + i)
              .put("pattern", pattern)
              .put(
                  "actions",
                  new JsonArray()
                      .add(new JsonObject().put("emit", new JsonObject().put("type", MATCHED)))));
    }
    router =
        new RouterHarness(
            vertx, dir.resolve("conformance.json"), new JsonObject().put("rules", rules).encode());
  }

  static Stream<Arguments> cases() {
    List<Arguments> cases = OperatorConformanceTest.operators().toList();
    return IntStream.range(0, cases.size())
        .mapToObj(
            i ->
                Arguments.of(
                    i, cases.get(i).get()[0], cases.get(i).get()[2], cases.get(i).get()[3]));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("cases")
  @DisplayName(
      "each operator's example is routed to a derived event and its counter-example is not")
  void routed(int index, String name, String matching, String notMatching) throws Exception {
    JsonObject no = probe(index, "no", notMatching);
    JsonObject yes = probe(index, "yes", matching);
    router.route(no, yes);

    CloudEvent derived = router.await(output -> yes.getString("id").equals(output.causationId()));
    assertThat(derived.type()).isEqualTo(MATCHED);
    assertThat(derived.json().getString("ruleid")).isEqualTo("case-" + index);
    // The counter-example was routed first, in the same batch: had it matched, its event would have
    // come first.
    assertThat(router.outputs())
        .as("derived from the counter-example " + notMatching)
        .noneMatch(output -> no.getString("id").equals(output.causationId()));
  }

  private static String tag(int index) {
    return "c" + index;
  }

  /** A CloudEvent carrying the case's fields, which win over the defaults. */
  private static JsonObject probe(int index, String which, String fields) {
    return new JsonObject()
        .put("specversion", "1.0")
        .put("id", which + "-" + index)
        .put("source", "test://conformance")
        .put("type", "conformance.probe")
        .put("time", "2026-01-01T00:00:00Z")
        .put("conformancecase", tag(index))
        .mergeIn(new JsonObject(fields));
  }
}
