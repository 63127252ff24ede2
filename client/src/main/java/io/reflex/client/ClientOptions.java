package io.reflex.client;

/**
 * Where the client connects and how much it keeps in flight.
 *
 * @param host gateway host
 * @param port gateway HTTP port (the WebSocket is at {@code /ws})
 * @param token bearer token sent on the upgrade request, or {@code null} when the gateway needs
 *     none
 * @param maxBatch events per publish frame; at most the gateway's {@code
 *     gateway.ws.maxEventsPerPublish}
 * @param maxInFlightEvents events sent but not yet acknowledged; further events wait in the client
 *     until acks free room
 * @param maxReconnectDelayMs reconnection backs off from 100 ms up to this delay
 */
public record ClientOptions(
    String host,
    int port,
    String token,
    int maxBatch,
    int maxInFlightEvents,
    long maxReconnectDelayMs) {

  public ClientOptions {
    if (maxBatch < 1 || maxInFlightEvents < maxBatch) {
      throw new IllegalArgumentException("need 1 <= maxBatch <= maxInFlightEvents");
    }
  }

  /** Local gateway defaults: 127.0.0.1, batches of 200, 10,000 events in flight. */
  public static ClientOptions local(int port) {
    return new ClientOptions("127.0.0.1", port, null, 200, 10_000, 5_000);
  }

  public ClientOptions withHost(String host) {
    return new ClientOptions(host, port, token, maxBatch, maxInFlightEvents, maxReconnectDelayMs);
  }

  public ClientOptions withToken(String token) {
    return new ClientOptions(host, port, token, maxBatch, maxInFlightEvents, maxReconnectDelayMs);
  }

  public ClientOptions withBatching(int maxBatch, int maxInFlightEvents) {
    return new ClientOptions(host, port, token, maxBatch, maxInFlightEvents, maxReconnectDelayMs);
  }
}
