package io.reflex.standalone.cli;

import io.reflex.client.ClientOptions;
import io.reflex.client.ReflexClient;
import io.vertx.core.Vertx;
import picocli.CommandLine.Option;

/** How the commands that talk to a running mesh reach its gateway. */
public class GatewayOptions {

  @Option(
      names = "--host",
      paramLabel = "HOST",
      defaultValue = "127.0.0.1",
      description = "Gateway host (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(
      names = {"-p", "--port"},
      paramLabel = "PORT",
      defaultValue = "8080",
      description = "Gateway HTTP and WebSocket port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--token",
      paramLabel = "TOKEN",
      defaultValue = "${env:REFLEX_TOKEN}",
      description = "Bearer token, when the gateway requires one (default: $REFLEX_TOKEN).")
  String token;

  ClientOptions clientOptions() {
    ClientOptions options = ClientOptions.local(port).withHost(host);
    return token == null || token.isBlank() ? options : options.withToken(token);
  }

  /** Connects, or explains on stderr what to do and returns {@code null}. */
  ReflexClient connect(Vertx vertx) {
    try {
      return ReflexClient.connect(vertx, clientOptions()).await();
    } catch (Exception e) {
      System.err.println(
          "reflex: cannot reach a gateway at ws://"
              + host
              + ":"
              + port
              + "/ws ("
              + e.getMessage()
              + ").\n  Start one with 'reflex standalone --demo', or point at yours with --host/--port.");
      return null;
    }
  }
}
