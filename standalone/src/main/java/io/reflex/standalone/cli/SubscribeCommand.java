package io.reflex.standalone.cli;

import io.reflex.client.ReflexClient;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

/** {@code reflex subscribe}: prints the output events that match a pattern, one JSON per line. */
@Command(name = "subscribe", mixinStandardHelpOptions = true,
    description = {"Prints the output events that match a pattern, one JSON per line.",
        "Output events are anomalies, recommendations and rule-derived events. It runs until interrupted or until",
        "--count events have arrived."},
    footer = {"", "Examples:", "  reflex subscribe --pattern '{\"type\":[\"reflex.anomaly.detected\"]}'",
        "  reflex subscribe --pattern '{\"type\":[\"reflex.recommendation\"],\"subject\":[\"u-1\"]}' --count 1", "",
        "Exit codes:", "  0  success", "  1  the gateway refused the pattern", "  2  bad arguments",
        "  3  no gateway could be reached"})
public class SubscribeCommand implements Callable<Integer> {

  @Option(names = "--pattern", required = true, paramLabel = "JSON",
      description = "EventBridge pattern as JSON, e.g. '{\"type\":[\"ops.alert\"]}' (see docs/rules.md).")
  String pattern;

  @Option(names = "--count", paramLabel = "N", description = "Stop after N events (default: run until Ctrl-C).")
  Long count;

  @Mixin
  GatewayOptions gateway;

  @Override
  public Integer call() {
    JsonObject parsed;
    try {
      parsed = new JsonObject(pattern);
    } catch (DecodeException e) {
      System.err.println("reflex subscribe: --pattern must be a JSON object, e.g. '{\"type\":[\"ops.alert\"]}': "
          + e.getMessage());
      return ExitCodes.USAGE;
    }
    Vertx vertx = Vertx.vertx();
    try {
      ReflexClient client = gateway.connect(vertx);
      if (client == null) {
        return ExitCodes.GATEWAY_UNREACHABLE;
      }
      Promise<Void> enough = Promise.promise();
      AtomicLong printed = new AtomicLong();
      client.droppedHandler(n -> System.err.println("reflex subscribe: the gateway dropped " + n
          + " events because they were read too slowly"));
      try {
        client.subscribe(parsed, event -> {
          System.out.println(event.encode());
          if (count != null && printed.incrementAndGet() >= count) {
            enough.tryComplete();
          }
        }).await();
      } catch (Exception e) {
        System.err.println("reflex subscribe: the gateway refused the pattern: " + e.getMessage());
        return ExitCodes.REJECTED;
      }
      System.err.println("subscribed to " + parsed.encode() + "; waiting for events"
          + (count == null ? " (Ctrl-C to stop)" : " (stopping after " + count + ")"));
      enough.future().await();
      System.out.flush();
      client.close().await();
      return ExitCodes.OK;
    } finally {
      vertx.close().await();
    }
  }
}
