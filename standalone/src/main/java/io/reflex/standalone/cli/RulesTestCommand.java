package io.reflex.standalone.cli;

import io.reflex.common.event.CloudEvent;
import io.reflex.router.action.Action;
import io.reflex.router.action.Deliver;
import io.reflex.router.action.Emit;
import io.reflex.router.rules.CompiledRules;
import io.reflex.router.rules.InvalidRulesException;
import io.reflex.router.rules.Rule;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.File;
import java.time.Instant;
import java.util.List;
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
    JsonObject json;
    try {
      json = new JsonObject(event);
    } catch (DecodeException e) {
      System.err.println("reflex rules test: --event must be one JSON object: " + e.getMessage());
      return ExitCodes.USAGE;
    }
    if (!file.isFile()) {
      System.err.println("reflex rules test: " + file + " does not exist");
      return ExitCodes.USAGE;
    }
    CompiledRules rules;
    try {
      rules = RulesFile.load(file);
    } catch (InvalidRulesException e) {
      System.err.println("reflex rules test: the rules are invalid; run 'reflex rules validate " + file + "'");
      return ExitCodes.REJECTED;
    } catch (Exception e) {
      System.err.println("reflex rules test: cannot read " + file + " as YAML: " + e.getMessage());
      return ExitCodes.USAGE;
    }
    if (!json.containsKey("time")) {
      // As ingestion does: an event without a time is stamped with its arrival time.
      json.put("time", Instant.now().toString());
    }
    CloudEvent cause = CloudEvent.wrap(json);
    List<Rule> matched = rules.match(cause.encode());
    System.out.println(matched.isEmpty() ? "no rule matches this event"
        : matched.size() + " rule(s) match this event:");
    for (Rule rule : matched) {
      System.out.println("  " + rule.id());
      for (Action action : rule.actions()) {
        if (action instanceof Deliver deliver) {
          System.out.println("    deliver to " + deliver.service());
        } else if (action instanceof Emit emit) {
          System.out.println("    emit " + emit.derive(rule.id(), cause, json).encode());
        }
      }
    }
    return ExitCodes.OK;
  }
}
