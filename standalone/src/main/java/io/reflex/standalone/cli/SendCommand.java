package io.reflex.standalone.cli;

import io.reflex.client.PublishResult;
import io.reflex.client.ReflexClient;
import io.reflex.common.console.ProgressBar;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code reflex send}: events from a file or stdin to a running gateway, with a summary of the
 * verdicts.
 */
@Command(
    name = "send",
    mixinStandardHelpOptions = true,
    description = {
      "Publishes events from a file or stdin and summarises the acknowledgements.",
      "Input: a JSON array of CloudEvents, one JSON event, or JSON Lines (one event per line). The events go",
      "over the WebSocket in batches; a progress bar shows on stderr for files over 256 KB. Events the gateway",
      "refuses as rate_limited are sent again after backing off: send slows down to the gateway's limit."
    },
    footer = {
      "",
      "Example:",
      "  echo '{\"specversion\":\"1.0\",\"id\":\"r-1\",\"source\":\"cli://me\","
          + "\"type\":\"reflex.metric\",\"subject\":\"temperature/d1\",\"data\":{\"value\":95}}' | reflex send",
      "",
      "Exit codes:",
      "  0  every event accepted or duplicate",
      "  1  some events were rejected",
      "  2  bad arguments or unreadable input",
      "  3  no gateway could be reached"
    })
public class SendCommand implements Callable<Integer> {

  private static final int SHOWN_REJECTIONS = 20;
  private static final long PROGRESS_MIN_BYTES = 256 * 1024;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "FILE|-",
      defaultValue = "-",
      description = "File with the events; '-' or nothing reads stdin.")
  String input;

  @Mixin GatewayOptions gateway;

  @Option(names = "--quiet", description = "No progress bar.")
  boolean quiet;

  private final Tally tally = new Tally();

  @Override
  public Integer call() throws Exception {
    File file = "-".equals(input) ? null : new File(input);
    if (file != null && !file.isFile()) {
      System.err.println(
          "reflex send: "
              + input
              + " is not a readable file; pass a JSON/JSONL file or '-' for stdin");
      return ExitCodes.USAGE;
    }
    Vertx vertx = Vertx.vertx();
    try {
      ReflexClient client = gateway.connect(vertx);
      if (client == null) {
        return ExitCodes.GATEWAY_UNREACHABLE;
      }
      ProgressBar progress =
          !quiet && file != null && file.length() >= PROGRESS_MIN_BYTES
              ? new ProgressBar(System.err, file.length())
              : null;
      client.rateLimitedHandler(
          count -> {
            if (tally.rateLimited(count) && !quiet) {
              String note =
                  "reflex send: the gateway answers rate_limited; slowing down and sending those events again";
              if (progress != null) {
                progress.log(note);
              } else {
                System.err.println(note);
              }
            }
          });
      try (BufferedReader reader =
          new BufferedReader(
              file == null
                  ? new InputStreamReader(System.in, StandardCharsets.UTF_8)
                  : Files.newBufferedReader(file.toPath(), StandardCharsets.UTF_8))) {
        send(client, reader, progress);
      } catch (IOException e) {
        System.err.println("reflex send: cannot read " + input + ": " + e.getMessage());
        return ExitCodes.USAGE;
      }
      tally.allAnswered().await(5, TimeUnit.MINUTES);
      if (progress != null) {
        progress.finish(tally.sent + " events" + tally.resentNote());
      }
      client.close().await();
      report(System.out);
      return tally.rejected.isEmpty() ? ExitCodes.OK : ExitCodes.REJECTED;
    } finally {
      vertx.close().await();
    }
  }

  private void send(ReflexClient client, BufferedReader reader, ProgressBar progress)
      throws IOException {
    reader.mark(1 << 16);
    int first = skipBlank(reader);
    reader.reset();
    if (first == '[') {
      JsonArray events = parseWhole(reader, JsonArray::new);
      for (int i = 0; i < events.size(); i++) {
        publish(client, events.getValue(i), i + 1);
      }
      tally.inputDone();
      return;
    }
    long bytes = 0;
    int number = 0;
    String line;
    List<String> unparsed = new ArrayList<>();
    while ((line = reader.readLine()) != null) {
      bytes += line.length() + 1;
      if (line.isBlank()) {
        continue;
      }
      number++;
      Object event;
      try {
        event = new JsonObject(line);
      } catch (DecodeException e) {
        if (number == 1 && line.trim().startsWith("{")) {
          // Not JSON Lines after all: one pretty-printed event spread over several lines.
          unparsed.add(line);
          reader.lines().forEach(unparsed::add);
          publish(client, parseWhole(String.join("\n", unparsed), JsonObject::new), 1);
          break;
        }
        tally.localRejection(
            number,
            null,
            "invalid_json",
            "line " + number + " is not a JSON object: " + e.getMessage());
        continue;
      }
      if (number % 100 == 0) {
        client.capacity().await();
        if (progress != null) {
          progress.update(bytes, number + " events" + tally.resentNote());
        }
      }
      publish(client, event, number);
    }
    tally.inputDone();
  }

  private void publish(ReflexClient client, Object item, int number) {
    if (!(item instanceof JsonObject event)) {
      tally.localRejection(
          number, null, "not_an_object", "event " + number + " is not a JSON object");
      return;
    }
    tally.sent();
    client
        .publish(event)
        .onComplete(
            ar -> {
              if (ar.succeeded()) {
                tally.answered(number, ar.result());
              } else {
                tally.answered(
                    number,
                    new PublishResult(
                        event.getValue("id"),
                        PublishResult.Status.REJECTED,
                        "unavailable",
                        ar.cause().getMessage()));
              }
            });
  }

  private void report(PrintStream out) {
    out.println(
        tally.sent
            + " events sent to ws://"
            + gateway.host
            + ":"
            + gateway.port
            + "/ws: "
            + tally.accepted
            + " accepted, "
            + tally.duplicate
            + " duplicate, "
            + tally.rejected.size()
            + " rejected"
            + tally.resentNote());
    if (!tally.rejected.isEmpty()) {
      out.println(
          "rejected"
              + (tally.rejected.size() > SHOWN_REJECTIONS
                  ? " (first " + SHOWN_REJECTIONS + ")"
                  : "")
              + ":");
      tally.rejected.stream()
          .sorted()
          .limit(SHOWN_REJECTIONS)
          .forEach(r -> out.println("  " + r.text()));
    }
  }

  private static int skipBlank(BufferedReader reader) throws IOException {
    int c;
    do {
      c = reader.read();
    } while (c != -1 && Character.isWhitespace(c));
    return c;
  }

  private static <T> T parseWhole(
      BufferedReader reader, java.util.function.Function<String, T> parser) throws IOException {
    StringBuilder text = new StringBuilder();
    reader.lines().forEach(l -> text.append(l).append('\n'));
    return parseWhole(text.toString(), parser);
  }

  private static <T> T parseWhole(String text, java.util.function.Function<String, T> parser)
      throws IOException {
    try {
      return parser.apply(text);
    } catch (DecodeException e) {
      throw new IOException(
          "the input is neither JSON Lines nor one JSON document: " + e.getMessage(), e);
    }
  }

  /**
   * Verdict counts, updated from the client's event loop and read by the main thread at the end.
   */
  private static final class Tally {
    private final Promise<Void> done = Promise.promise();
    private final List<Rejection> rejected = new ArrayList<>();
    private long sent;
    private long answered;
    private long accepted;
    private long duplicate;
    private long resent;
    private boolean inputDone;

    /**
     * @return true the first time: the gateway has just begun to rate-limit this client
     */
    synchronized boolean rateLimited(int count) {
      resent += count;
      return resent == count;
    }

    synchronized String resentNote() {
      return resent == 0 ? "" : " (" + resent + " resent after rate_limited)";
    }

    synchronized void sent() {
      sent++;
    }

    synchronized void answered(int number, PublishResult result) {
      answered++;
      switch (result.status()) {
        case ACCEPTED -> accepted++;
        case DUPLICATE -> duplicate++;
        default ->
            rejected.add(new Rejection(number, result.id(), result.errorCode(), result.message()));
      }
      complete();
    }

    synchronized void localRejection(int number, Object id, String code, String message) {
      rejected.add(new Rejection(number, id, code, message));
    }

    synchronized void inputDone() {
      inputDone = true;
      complete();
    }

    io.vertx.core.Future<Void> allAnswered() {
      return done.future();
    }

    private void complete() {
      if (inputDone && answered == sent) {
        done.tryComplete();
      }
    }
  }

  private record Rejection(int number, Object id, String code, String message)
      implements Comparable<Rejection> {
    String text() {
      return "event "
          + number
          + (id == null ? "" : " (id " + id + ")")
          + ": "
          + code
          + ": "
          + message;
    }

    @Override
    public int compareTo(Rejection other) {
      return Integer.compare(number, other.number);
    }
  }
}
