package io.reflex.standalone.cli;

import io.reflex.common.event.CloudEvent;
import io.reflex.router.rules.CompiledRules;
import io.reflex.router.rules.InvalidRulesException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.File;
import java.time.Instant;

/**
 * The rules file and the one event that {@code reflex rules test} and {@code reflex rules explain}
 * take: loaded and parsed, or the exit code after saying on stderr what is wrong.
 */
record RuleQuery(CompiledRules rules, CloudEvent event, int exitCode) {

  static RuleQuery read(String command, File file, String event) {
    JsonObject json;
    try {
      json = new JsonObject(event);
    } catch (DecodeException e) {
      return failed(
          command + ": --event must be one JSON object: " + e.getMessage(), ExitCodes.USAGE);
    }
    if (!file.isFile()) {
      return failed(command + ": " + file + " does not exist", ExitCodes.USAGE);
    }
    CompiledRules rules;
    try {
      rules = RulesFile.load(file);
    } catch (InvalidRulesException e) {
      return failed(
          command + ": the rules are invalid; run 'reflex rules validate " + file + "'",
          ExitCodes.REJECTED);
    } catch (Exception e) {
      return failed(
          command + ": cannot read " + file + " as YAML: " + e.getMessage(), ExitCodes.USAGE);
    }
    if (!json.containsKey("time")) {
      // As ingestion does: an event without a time is stamped with its arrival time.
      json.put("time", Instant.now().toString());
    }
    return new RuleQuery(rules, CloudEvent.wrap(json), ExitCodes.OK);
  }

  boolean failed() {
    return rules == null;
  }

  private static RuleQuery failed(String message, int exitCode) {
    System.err.println(message);
    return new RuleQuery(null, null, exitCode);
  }
}
