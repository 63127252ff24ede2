package io.reflex.standalone.cli;

import io.reflex.client.ReflexClient;
import io.reflex.client.Subscription;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code reflex subscribe}: prints the output events that match a pattern, one JSON per line. */
@Command(
    name = "subscribe",
    mixinStandardHelpOptions = true,
    description = {
      "Prints the output events that match a pattern, one JSON per line.",
      "Output events are anomalies, recommendations and rule-derived events. It runs until interrupted or until",
      "--count events have arrived. Against a durable mesh it resumes after a dropped connection from the last",
      "event it printed, missing nothing; --from and --cursor-file start it in the output log."
    },
    footer = {
      "",
      "Examples:",
      "  reflex subscribe --pattern '{\"type\":[\"reflex.anomaly.detected\"]}'",
      "  reflex subscribe --pattern '{\"type\":[\"reflex.recommendation\"],\"subject\":[\"u-1\"]}' --count 1",
      "  reflex subscribe --pattern '{\"type\":[\"reflex.anomaly.detected\"]}' --cursor-file alerts.cursor",
      "",
      "Exit codes:",
      "  0  success",
      "  1  the gateway refused the pattern",
      "  2  bad arguments",
      "  3  no gateway could be reached"
    })
public class SubscribeCommand implements Callable<Integer> {

  @Option(
      names = "--pattern",
      required = true,
      paramLabel = "JSON",
      description =
          "EventBridge pattern as JSON, e.g. '{\"type\":[\"ops.alert\"]}' (see docs/rules.md).")
  String pattern;

  @Option(
      names = "--count",
      paramLabel = "N",
      description = "Stop after N events (default: run until Ctrl-C).")
  Long count;

  @Option(
      names = "--from",
      paramLabel = "WHERE",
      description =
          "Durable mode: start in the output log, at a cursor, 'earliest' or an RFC 3339 time.")
  String from;

  @Option(
      names = "--cursor-file",
      paramLabel = "FILE",
      description =
          "Durable mode: resume from the cursor in FILE if it exists, and keep the last cursor there.")
  Path cursorFile;

  @Mixin GatewayOptions gateway;

  @Override
  public Integer call() {
    JsonObject parsed;
    try {
      parsed = new JsonObject(pattern);
    } catch (DecodeException e) {
      System.err.println(
          "reflex subscribe: --pattern must be a JSON object, e.g. '{\"type\":[\"ops.alert\"]}': "
              + e.getMessage());
      return ExitCodes.USAGE;
    }
    String start = from;
    if (start == null && cursorFile != null && Files.exists(cursorFile)) {
      try {
        start = Files.readString(cursorFile).strip();
      } catch (IOException e) {
        System.err.println(
            "reflex subscribe: cannot read --cursor-file " + cursorFile + ": " + e.getMessage());
        return ExitCodes.USAGE;
      }
    }
    Vertx vertx = Vertx.vertx();
    try {
      ReflexClient client = gateway.connect(vertx);
      if (client == null) {
        return ExitCodes.GATEWAY_UNREACHABLE;
      }
      Promise<Void> enough = Promise.promise();
      AtomicLong printed = new AtomicLong();
      client.droppedHandler(
          n ->
              System.err.println(
                  "reflex subscribe: the gateway dropped "
                      + n
                      + " events because they were read too slowly"));
      Subscription subscription;
      try {
        subscription =
            client
                .subscribe(
                    parsed,
                    start,
                    event -> {
                      System.out.println(event.encode());
                      if (count != null && printed.incrementAndGet() >= count) {
                        enough.tryComplete();
                      }
                    })
                .await();
      } catch (Exception e) {
        System.err.println("reflex subscribe: the gateway refused the pattern: " + e.getMessage());
        return ExitCodes.REJECTED;
      }
      System.err.println(
          "subscribed to "
              + parsed.encode()
              + "; waiting for events"
              + (count == null ? " (Ctrl-C to stop)" : " (stopping after " + count + ")"));
      if (cursorFile != null) {
        vertx.setPeriodic(1000, t -> keepCursor(subscription));
      }
      enough.future().await();
      System.out.flush();
      keepCursor(subscription);
      client.close().await();
      return ExitCodes.OK;
    } finally {
      vertx.close().await();
    }
  }

  /** Rewritten whole and renamed into place, so a crash never leaves half a cursor. */
  private void keepCursor(Subscription subscription) {
    String cursor = subscription.cursor();
    if (cursorFile == null || cursor == null) {
      return;
    }
    try {
      Path next = cursorFile.resolveSibling(cursorFile.getFileName() + ".next");
      Files.writeString(next, cursor + "\n");
      Files.move(
          next, cursorFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      System.err.println(
          "reflex subscribe: cannot write --cursor-file " + cursorFile + ": " + e.getMessage());
    }
  }
}
