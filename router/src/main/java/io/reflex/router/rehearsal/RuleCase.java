package io.reflex.router.rehearsal;

import io.reflex.common.event.CloudEvent;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A rule test case: a recorded stream ({@code NAME.jsonl}, JSON Lines of CloudEvents, each with its
 * event time) and the outputs expected of it ({@code NAME.expected.jsonl}, one {@link Expectation}
 * per line; empty: no derived event).
 */
public record RuleCase(String name, List<CloudEvent> events, List<Expectation> expectations) {

  public static final String EXPECTED = ".expected.jsonl";
  private static final String STREAM = ".jsonl";

  /** Every case of a directory, by name. */
  public static List<RuleCase> readAll(Path dir) throws IOException {
    List<RuleCase> cases = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.sorted().toList()) {
        String name = file.getFileName().toString();
        if (name.endsWith(STREAM) && !name.endsWith(EXPECTED)) {
          cases.add(read(dir, name.substring(0, name.length() - STREAM.length())));
        }
      }
    }
    if (cases.isEmpty()) {
      throw new IllegalArgumentException(
          dir
              + " holds no case: a case is NAME.jsonl (the events) and NAME"
              + EXPECTED
              + " (the expected outputs)");
    }
    return cases;
  }

  private static RuleCase read(Path dir, String name) throws IOException {
    Path stream = dir.resolve(name + STREAM);
    Path expected = dir.resolve(name + EXPECTED);
    if (!Files.isRegularFile(expected)) {
      throw new IllegalArgumentException(
          "case "
              + name
              + ": "
              + expected
              + " is missing (an empty file expects no "
              + "derived event)");
    }
    List<CloudEvent> events = readEvents(stream);
    List<Expectation> expectations = new ArrayList<>();
    List<JsonObject> wanted = lines(expected);
    for (int i = 0; i < wanted.size(); i++) {
      if (wanted.get(i) != null) {
        expectations.add(Expectation.parse(wanted.get(i), expected.getFileName() + ":" + (i + 1)));
      }
    }
    return new RuleCase(name, events, expectations);
  }

  /** A recorded stream: JSON Lines of CloudEvents, each with its event time. */
  public static List<CloudEvent> readEvents(Path stream) throws IOException {
    List<CloudEvent> events = new ArrayList<>();
    List<JsonObject> lines = lines(stream);
    for (int i = 0; i < lines.size(); i++) {
      JsonObject event = lines.get(i);
      if (event == null) {
        continue;
      }
      String where = stream.getFileName() + ":" + (i + 1);
      if (!(event.getValue("time") instanceof String time)) {
        throw new IllegalArgumentException(
            where + ": the event has no 'time'; a case runs on event time");
      }
      try {
        Instant.parse(time);
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(where + ": 'time' is not an RFC 3339 time: " + time);
      }
      events.add(CloudEvent.wrap(event));
    }
    return events;
  }

  /** The JSON object of each line, null for blank lines and {@code #} comments. */
  private static List<JsonObject> lines(Path file) throws IOException {
    List<String> texts = Files.readAllLines(file);
    List<JsonObject> lines = new ArrayList<>(texts.size());
    for (int i = 0; i < texts.size(); i++) {
      String text = texts.get(i).strip();
      if (text.isEmpty() || text.startsWith("#")) {
        lines.add(null);
        continue;
      }
      try {
        lines.add(new JsonObject(text));
      } catch (DecodeException e) {
        throw new IllegalArgumentException(
            file.getFileName() + ":" + (i + 1) + ": not a JSON object: " + e.getMessage());
      }
    }
    return lines;
  }
}
