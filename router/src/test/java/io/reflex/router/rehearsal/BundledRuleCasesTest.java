package io.reflex.router.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import io.reflex.common.config.ConfigLoader;
import io.reflex.router.rules.CompiledRules;
import io.reflex.router.rules.RuleParser;
import io.reflex.router.sequence.SequenceLimits;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The cases shipped for the bundled rules pass on virtual time, and there is one for every bundled
 * rule.
 */
class BundledRuleCasesTest {

  private static final Path RULES = Path.of("src/main/resources/rules/default-rules.yaml");
  private static final Path CASES = Path.of("src/main/resources/rules/cases");

  static CompiledRules bundled() throws Exception {
    Map<String, Object> document = new Yaml().load(Files.readString(RULES));
    return new CompiledRules(RuleParser.parse(new JsonObject(document)), RULES.toString());
  }

  static CaseRunner runner(CompiledRules rules) {
    JsonObject router = ConfigLoader.load(null).getJsonObject("router");
    return new CaseRunner(
        rules,
        SequenceLimits.from(router.getJsonObject("sequence")),
        router.getInteger("maxDepth"));
  }

  @Test
  @DisplayName("every bundled case passes, and every bundled rule has a case named after it")
  void bundledCasesPass() throws Exception {
    CompiledRules rules = bundled();
    List<RuleCase> cases = RuleCase.readAll(CASES);

    for (RuleCase rule : cases) {
      CaseResult result = runner(rules).run(rule);
      assertThat(result.passed())
          .as(
              rule.name()
                  + ": missing "
                  + result.missing()
                  + ", unexpected "
                  + result.unexpected()
                  + ", forbidden "
                  + result.forbidden()
                  + ", outputs "
                  + result.outputs())
          .isTrue();
    }
    List<String> ids =
        Stream.concat(
                rules.rules().stream().map(r -> r.id()),
                rules.sequences().stream().map(r -> r.id()))
            .toList();
    assertThat(cases.stream().map(RuleCase::name)).containsExactlyInAnyOrderElementsOf(ids);
  }
}
