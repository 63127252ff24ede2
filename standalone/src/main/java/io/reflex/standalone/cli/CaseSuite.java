package io.reflex.standalone.cli;

import io.reflex.router.rehearsal.CaseResult;
import io.reflex.router.rehearsal.CaseRunner;
import io.reflex.router.rehearsal.Expectation;
import io.reflex.router.rehearsal.RehearsedOutput;
import io.reflex.router.rehearsal.RuleCase;
import io.reflex.router.rules.CompiledRules;
import io.reflex.router.rules.InvalidRulesException;
import java.io.File;
import java.io.IOException;
import java.util.List;

/**
 * {@code reflex rules test FILE --cases DIR}: runs every case and prints expected against actual
 * for each.
 */
final class CaseSuite {

  private static final String COMMAND = "reflex rules test";

  private final File rulesFile;
  private final File dir;

  CaseSuite(File rulesFile, File dir) {
    this.rulesFile = rulesFile;
    this.dir = dir;
  }

  int run() {
    if (!rulesFile.isFile() || !dir.isDirectory()) {
      System.err.println(
          COMMAND
              + ": "
              + (rulesFile.isFile() ? dir + " is not a directory" : rulesFile + " does not exist"));
      return ExitCodes.USAGE;
    }
    List<RuleCase> cases;
    CompiledRules rules;
    try {
      cases = RuleCase.readAll(dir.toPath());
      rules = RulesFile.load(rulesFile);
    } catch (IllegalArgumentException | IOException e) {
      System.err.println(COMMAND + ": " + e.getMessage());
      return ExitCodes.USAGE;
    } catch (InvalidRulesException e) {
      System.err.println(
          COMMAND + ": the rules are invalid; run 'reflex rules validate " + rulesFile + "'");
      return ExitCodes.REJECTED;
    } catch (Exception e) {
      System.err.println(COMMAND + ": cannot read " + rulesFile + " as YAML: " + e.getMessage());
      return ExitCodes.USAGE;
    }
    CaseRunner runner = new CaseRunner(rules, RulesFile.limits(), RulesFile.maxDepth());
    int passed = 0;
    long started = System.nanoTime();
    for (RuleCase rule : cases) {
      CaseResult result = runner.run(rule);
      print(result);
      passed += result.passed() ? 1 : 0;
    }
    System.out.println(
        passed
            + " of "
            + cases.size()
            + " case(s) passed in "
            + (System.nanoTime() - started) / 1_000_000
            + " ms");
    return passed == cases.size() ? ExitCodes.OK : ExitCodes.REJECTED;
  }

  private static void print(CaseResult result) {
    long derived =
        result.outputs().stream().filter(output -> "emit".equals(output.action())).count();
    System.out.println(
        (result.passed() ? "PASS " : "FAIL ")
            + result.name()
            + " ("
            + result.events()
            + " events, "
            + derived
            + " derived)");
    for (Expectation missing : result.missing()) {
      System.out.println("  - expected, not produced:   " + missing.source().encode());
    }
    for (RehearsedOutput unexpected : result.unexpected()) {
      System.out.println("  + produced, not expected:   " + describe(unexpected));
    }
    for (RehearsedOutput forbidden : result.forbidden()) {
      System.out.println("  ! expected absent, produced: " + describe(forbidden));
    }
    if (!result.passed()) {
      System.out.println("    actual outputs:");
      result.outputs().forEach(output -> System.out.println("      " + describe(output)));
    }
  }

  private static String describe(RehearsedOutput output) {
    return output.action()
        + " "
        + ("emit".equals(output.action()) ? "" : output.target() + " ")
        + "(rule "
        + output.rule()
        + ") "
        + output.event().encode();
  }
}
