package io.reflex.standalone.cli;

import io.reflex.common.event.CloudEvent;
import io.reflex.router.ops.RulesOperations;
import io.reflex.router.rules.CompiledRules;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.File;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code reflex rules test FILE --event JSON}: which rules an event matches and what their actions
 * would do; {@code --cases DIR}: recorded streams run on virtual time against their expected
 * outputs.
 */
@Command(
    name = "test",
    mixinStandardHelpOptions = true,
    description = {
      "With --event: shows which rules of a file match an event, where 'deliver' actions would send it",
      "and the derived events 'emit' actions would produce. Nothing is sent anywhere.",
      "With --cases DIR: runs each case of DIR (NAME.jsonl: CloudEvents with their times; NAME.expected.jsonl: the",
      "outputs expected, or {\"absent\": ...} for outputs that must not occur) through the router's rules, sequence",
      "engine and templates on a virtual event-time clock, prints expected against actual, and fails on a",
      "mismatch. Every derived event must be expected; deliveries and publishes are checked where expected."
    },
    footer = {
      "",
      "Examples:",
      "  reflex rules test my-rules.yaml --event '{\"specversion\":\"1.0\",\"id\":\"r-1\","
          + "\"source\":\"cli://me\",\"type\":\"reflex.metric\",\"subject\":\"temperature/d1\",\"data\":{\"value\":95}}'",
      "  reflex rules test my-rules.yaml --cases rule-cases/",
      "",
      "Exit codes:",
      "  0  the event was tested (whether or not a rule matched), or every case passed",
      "  1  the rules are invalid, or a case failed",
      "  2  the file is missing, the event is not JSON, or a case" + " file is unreadable"
    })
public class RulesTestCommand implements Callable<Integer> {

  @Parameters(paramLabel = "FILE", description = "Rules file (YAML).")
  File file;

  @Option(names = "--event", paramLabel = "JSON", description = "The CloudEvent to test, as JSON.")
  String event;

  @Option(
      names = "--cases",
      paramLabel = "DIR",
      description = "A directory of test cases (see above).")
  File cases;

  @Override
  public Integer call() {
    if ((event == null) == (cases == null)) {
      System.err.println("reflex rules test: give either --event JSON or --cases DIR");
      return ExitCodes.USAGE;
    }
    if (cases != null) {
      return new CaseSuite(file, cases).run();
    }
    RuleQuery query = RuleQuery.read("reflex rules test", file, event);
    if (query.failed()) {
      return query.exitCode();
    }
    CloudEvent cause = query.event();
    CompiledRules rules = query.rules();
    JsonArray matches = RulesOperations.describe(rules.match(cause), cause).getJsonArray("matches");
    System.out.println(
        matches.isEmpty()
            ? "no rule matches this event"
            : matches.size() + " rule(s) match this event:");
    for (int i = 0; i < matches.size(); i++) {
      JsonObject match = matches.getJsonObject(i);
      if ("sequence".equals(match.getString("kind"))) {
        // One event cannot show a whole sequence; say which steps it would advance.
        System.out.println(
            "  "
                + match.getString("rule")
                + " (sequence): this event matches step(s) "
                + match.getJsonArray("steps").encode());
        continue;
      }
      System.out.println("  " + match.getString("rule"));
      JsonArray actions = match.getJsonArray("actions");
      for (int a = 0; a < actions.size(); a++) {
        JsonObject action = actions.getJsonObject(a);
        System.out.println(
            action.containsKey("deliver")
                ? "    deliver to " + action.getString("deliver")
                : "    emit " + action.getJsonObject("emit").encode());
      }
    }
    return ExitCodes.OK;
  }
}
