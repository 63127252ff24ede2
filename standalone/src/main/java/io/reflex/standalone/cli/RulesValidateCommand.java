package io.reflex.standalone.cli;

import io.reflex.router.rules.CompiledRules;
import io.reflex.router.rules.InvalidRulesException;
import io.reflex.router.rules.Rule;
import io.reflex.router.rules.RuleError;
import io.reflex.router.sequence.SequenceRule;
import java.io.File;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code reflex rules validate FILE}. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = "Checks a rules file and lists every problem, naming the rule and field.",
    footer = {
      "",
      "Exit codes:",
      "  0  the rules are valid",
      "  1  the rules are invalid",
      "  2  the file is missing or not YAML"
    })
public class RulesValidateCommand implements Callable<Integer> {

  @Parameters(paramLabel = "FILE", description = "Rules file (YAML), as given to --rules.")
  File file;

  @Override
  public Integer call() {
    if (!file.isFile()) {
      System.err.println("reflex rules validate: " + file + " does not exist");
      return ExitCodes.USAGE;
    }
    CompiledRules rules;
    try {
      rules = RulesFile.load(file);
    } catch (InvalidRulesException e) {
      System.out.println(
          file + ": " + e.errors().size() + " problem(s); the router would refuse this file:");
      for (RuleError error : e.errors()) {
        System.out.println("  " + error);
      }
      return ExitCodes.REJECTED;
    } catch (Exception e) {
      System.err.println(
          "reflex rules validate: cannot read " + file + " as YAML: " + e.getMessage());
      return ExitCodes.USAGE;
    }
    System.out.println(
        file + ": " + (rules.rules().size() + rules.sequences().size()) + " valid rules");
    for (Rule rule : rules.rules()) {
      System.out.println(
          "  " + rule.id() + (rule.description() == null ? "" : ": " + rule.description()));
    }
    for (SequenceRule rule : rules.sequences()) {
      System.out.println(
          "  "
              + rule.id()
              + " (sequence)"
              + (rule.description() == null ? "" : ": " + rule.description()));
    }
    return ExitCodes.OK;
  }
}
