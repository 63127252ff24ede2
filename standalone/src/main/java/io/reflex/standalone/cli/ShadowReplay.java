package io.reflex.standalone.cli;

import io.reflex.common.console.ProgressBar;
import io.reflex.eventlog.CloudEventRecords;
import io.reflex.eventlog.LogRange;
import io.reflex.router.rehearsal.ShadowDiff;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * {@code reflex replay --diff}: the log range through the running and the candidate rules, on
 * virtual time, nothing published; prints per rule the outputs added, removed and changed with
 * samples, and the rules whose hit rate moved most (or the whole report as JSON).
 */
final class ShadowReplay {

  private static final int SAMPLES = 3;
  private static final int MOVED = 5;

  private ShadowReplay() {}

  static void run(LogRange range, ShadowDiff diff, PrintStream out, boolean json, boolean quiet) {
    ProgressBar progress =
        quiet || range.total() == 0 ? null : new ProgressBar(System.err, range.total());
    long[] read = new long[2]; // read, unreadable
    range.read(
        records -> {
          for (ConsumerRecord<String, byte[]> record : records) {
            try {
              diff.offer(CloudEventRecords.event(record));
            } catch (RuntimeException unreadable) {
              read[1]++;
            }
          }
          read[0] += records.size();
          if (progress != null) {
            progress.update(read[0], read[0] + " events");
          }
        });
    if (progress != null) {
      progress.finish(read[0] + " events");
    }
    JsonObject report = diff.finish(SAMPLES, MOVED).put("unreadable", read[1]);
    if (json) {
      out.println(report.encodePrettily());
    } else {
      print(report, out);
    }
    out.flush();
  }

  private static void print(JsonObject report, PrintStream out) {
    JsonArray rules = report.getJsonArray("rules");
    out.println(
        report.getLong("events")
            + " events replayed through both rule sets; nothing was published; "
            + (rules.isEmpty() ? "no rule's outputs differ" : rules.size() + " rule(s) differ")
            + ":");
    for (int i = 0; i < rules.size(); i++) {
      JsonObject rule = rules.getJsonObject(i);
      out.println(
          "  "
              + rule.getString("rule")
              + ": "
              + rule.getInteger("running")
              + " -> "
              + rule.getInteger("candidate")
              + " outputs; "
              + rule.getInteger("added")
              + " added, "
              + rule.getInteger("removed")
              + " removed, "
              + rule.getInteger("changed")
              + " changed");
      JsonObject samples = rule.getJsonObject("samples");
      samples
          .getJsonArray("added")
          .forEach(sample -> out.println("    + " + line((JsonObject) sample)));
      samples
          .getJsonArray("removed")
          .forEach(sample -> out.println("    - " + line((JsonObject) sample)));
      samples
          .getJsonArray("changed")
          .forEach(
              sample -> {
                out.println("    ~ " + line(((JsonObject) sample).getJsonObject("running")));
                out.println("      " + line(((JsonObject) sample).getJsonObject("candidate")));
              });
    }
    JsonArray moved = report.getJsonArray("moved");
    if (!moved.isEmpty()) {
      out.println("hit rate moved most (outputs, of " + report.getLong("events") + " events):");
      moved.forEach(
          entry -> {
            JsonObject rule = (JsonObject) entry;
            long change = rule.getLong("change");
            out.println(
                "  "
                    + rule.getString("rule")
                    + " "
                    + (change > 0 ? "+" : "")
                    + change
                    + " ("
                    + rule.getInteger("running")
                    + " -> "
                    + rule.getInteger("candidate")
                    + ")");
          });
    }
  }

  private static String line(JsonObject output) {
    String action = output.getString("action");
    return action
        + ("emit".equals(action) ? "" : " " + output.getString("target"))
        + " "
        + output.getJsonObject("event").encode();
  }
}
