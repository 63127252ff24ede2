package io.reflex.standalone.cli;

import io.reflex.router.explain.RuleExplainer;
import io.reflex.router.rehearsal.Rehearsal;
import io.reflex.router.rehearsal.RuleCase;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code reflex rules explain FILE --event JSON}: why each rule of a file matches an event or not.
 */
@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    description = {
      "Explains, for one event, why each rule of a file matches it or not: for a rule that does not,",
      "the first pattern field that failed, its operator, the value seen and the value wanted, nearest rules",
      "first. For a sequence rule: the event's key, the steps it matches, the partial matches held for the key",
      "and what the event would do to them. Offline, the partial matches are those the --before stream leaves",
      "(routed first on virtual time, as 'rules test --cases' does); POST /api/rules/explain uses the mesh's."
    },
    footer = {
      "",
      "Example:",
      "  reflex rules explain my-rules.yaml --event '{\"specversion\":\"1.0\",\"id\":\"r-1\","
          + "\"source\":\"cli://me\",\"type\":\"reflex.metric\",\"subject\":\"temperature/d1\",\"data\":{\"value\":85}}'",
      "  reflex rules explain my-rules.yaml --before failed-logins.jsonl --event \"$(cat success.json)\"",
      "",
      "Exit codes:",
      "  0  explained",
      "  1  the rules are invalid",
      "  2  the file is missing, the event is not JSON or --before is unreadable"
    })
public class RulesExplainCommand implements Callable<Integer> {

  @Parameters(paramLabel = "FILE", description = "Rules file (YAML).")
  File file;

  @Option(
      names = "--event",
      required = true,
      paramLabel = "JSON",
      description = "The CloudEvent to explain, as JSON.")
  String event;

  @Option(
      names = "--json",
      description = "Print the explanation as JSON, as POST /api/rules/explain answers it.")
  boolean json;

  @Option(
      names = "--before",
      paramLabel = "FILE",
      description =
          "JSON Lines of CloudEvents (with their times) routed first, for the sequence state they leave.")
  File before;

  @Override
  public Integer call() throws Exception {
    RuleQuery query = RuleQuery.read("reflex rules explain", file, event);
    if (query.failed()) {
      return query.exitCode();
    }
    Rehearsal history =
        new Rehearsal(query.rules(), RulesFile.limits(), RulesFile.maxDepth(), output -> {});
    if (before != null) {
      try {
        RuleCase.readEvents(before.toPath()).forEach(history::offer);
      } catch (IOException | IllegalArgumentException e) {
        System.err.println("reflex rules explain: --before: " + e.getMessage());
        return ExitCodes.USAGE;
      }
    }
    RuleExplainer explainer = new RuleExplainer(query.rules(), RulesFile.limits());
    // The lookups answer at once: the state is the rehearsal's, in this thread.
    Map<String, byte[]> held =
        explainer
            .heldFor(query.event(), (rule, key) -> Future.succeededFuture(history.held(rule, key)))
            .result();
    JsonObject explained = explainer.explain(query.event(), held);
    if (json) {
      System.out.println(explained.encodePrettily());
    } else {
      print(explained);
    }
    return ExitCodes.OK;
  }

  private static void print(JsonObject explained) {
    JsonArray matched = explained.getJsonArray("matched");
    System.out.println(
        matched.isEmpty()
            ? "no rule matches this event"
            : "matches: " + String.join(", ", matched.getList()));
    JsonArray rules = explained.getJsonArray("rules");
    boolean header = false;
    for (int i = 0; i < rules.size(); i++) {
      JsonObject rule = rules.getJsonObject(i);
      if ("sequence".equals(rule.getString("kind"))) {
        if (!header && !rule.getBoolean("matched")) {
          System.out.println("not matching, nearest first:");
          header = true;
        }
        printSequence(rule);
      } else if (!rule.getBoolean("matched")) {
        if (!header) {
          System.out.println("not matching, nearest first:");
          header = true;
        }
        System.out.println("  " + rule.getString("rule") + ": " + failure(rule));
      }
    }
  }

  private static void printSequence(JsonObject rule) {
    String key = rule.getString("key");
    System.out.println(
        "  "
            + rule.getString("rule")
            + " (sequence by "
            + rule.getString("by")
            + ", key "
            + (key == null ? "none: " + rule.getString("note") : key)
            + ")");
    JsonArray steps = rule.getJsonArray("steps");
    for (int s = 0; s < steps.size(); s++) {
      JsonObject step = steps.getJsonObject(s);
      String name = "    " + step.getString("kind") + " " + step.getInteger("step") + ": ";
      System.out.println(name + (step.getBoolean("matched") ? "matches" : failure(step)));
    }
    JsonArray held = rule.getJsonArray("held", new JsonArray());
    for (int p = 0; p < held.size(); p++) {
      JsonObject partial = held.getJsonObject(p);
      System.out.println(
          "    held: waits on step "
              + partial.getInteger("step")
              + ", counts "
              + partial.getJsonArray("counts").encode()
              + ", started "
              + partial.getString("started")
              + ", deadline "
              + partial.getString("deadline"));
    }
    JsonObject effect = rule.getJsonObject("thisEvent");
    if (effect != null) {
      System.out.println("    this event: fires " + effect.getInteger("fires") + " match(es)");
      effect
          .getJsonArray("ended")
          .forEach(
              ended ->
                  System.out.println(
                      "    ends the partial match started "
                          + ((JsonObject) ended).getString("started")
                          + ": "
                          + ((JsonObject) ended).getString("ended")));
    }
  }

  /** e.g. {@code data.value: numeric [">",90], seen 85 (1 of 3 fields fail)}. */
  private static String failure(JsonObject explained) {
    JsonObject failed = explained.getJsonObject("failed");
    if (failed.containsKey("reason")) {
      return failed.getString("reason");
    }
    Object seen = failed.getValue("seen");
    return failed.getString("field")
        + ": "
        + failed.getString("operator")
        + " "
        + failed.getJsonArray("wanted").encode()
        + ", seen "
        + (seen instanceof String text && !"absent".equals(text) ? "\"" + text + "\"" : seen)
        + " ("
        + explained.getLong("fieldsFailed")
        + " of "
        + explained.getLong("fieldsChecked")
        + " fields fail)";
  }
}
