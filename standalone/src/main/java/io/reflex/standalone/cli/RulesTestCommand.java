package io.reflex.standalone.cli;

import io.reflex.common.event.CloudEvent;
import io.reflex.router.ops.RulesOperations;
import io.reflex.router.rules.CompiledRules;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.File;
import java.util.concurrent.Callable;

/** {@code reflex rules test FILE --event JSON}: which rules an event matches and what their actions would do. */
@Command(name = "test", mixinStandardHelpOptions = true,
    description = {"Shows which rules of a file match an event, where 'deliver' actions would send it and the",
        "derived events 'emit' actions would produce. Nothing is sent anywhere."},
    footer = {"", "Example:", "  reflex rules test my-rules.yaml --event '{\"specversion\":\"1.0\",\"id\":\"r-1\","
        + "\"source\":\"cli://me\",\"type\":\"reflex.metric\",\"subject\":\"temperature/d1\",\"data\":{\"value\":95}}'",
        "", "Exit codes:", "  0  the event was tested (whether or not a rule matched)", "  1  the rules are invalid",
        "  2  the file is missing or the event is not JSON"})
public class RulesTestCommand implements Callable<Integer> {

  @Parameters(paramLabel = "FILE", description = "Rules file (YAML).")
  File file;

  @Option(names = "--event", required = true, paramLabel = "JSON", description = "The CloudEvent to test, as JSON.")
  String event;

  @Override
  public Integer call() {
    RuleQuery query = RuleQuery.read("reflex rules test", file, event);
    if (query.failed()) {
      return query.exitCode();
    }
    CloudEvent cause = query.event();
    CompiledRules rules = query.rules();
    JsonArray matches = RulesOperations.describe(rules.match(cause), cause).getJsonArray("matches");
    System.out.println(matches.isEmpty() ? "no rule matches this event"
        : matches.size() + " rule(s) match this event:");
    for (int i = 0; i < matches.size(); i++) {
      JsonObject match = matches.getJsonObject(i);
      if ("sequence".equals(match.getString("kind"))) {
        // One event cannot show a whole sequence; say which steps it would advance.
        System.out.println("  " + match.getString("rule") + " (sequence): this event matches step(s) "
            + match.getJsonArray("steps").encode());
        continue;
      }
      System.out.println("  " + match.getString("rule"));
      JsonArray actions = match.getJsonArray("actions");
      for (int a = 0; a < actions.size(); a++) {
        JsonObject action = actions.getJsonObject(a);
        System.out.println(action.containsKey("deliver") ? "    deliver to " + action.getString("deliver")
            : "    emit " + action.getJsonObject("emit").encode());
      }
    }
    return ExitCodes.OK;
  }
}
