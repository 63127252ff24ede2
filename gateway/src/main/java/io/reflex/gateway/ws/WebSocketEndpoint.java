package io.reflex.gateway.ws;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.reflex.common.event.CloudEvent;
import io.reflex.common.json.BoundedJson;
import io.reflex.gateway.Publisher;
import io.vertx.core.http.ServerWebSocket;

import java.util.HashMap;
import java.util.Map;

/**
 * The {@code /ws} endpoint of one gateway verticle: its connections and their subscriptions. Everything here runs on
 * the verticle's event loop, so no locking.
 */
public final class WebSocketEndpoint {

  private final Publisher publisher;
  private final WebSocketLimits limits;
  private final BoundedJson json = BoundedJson.forEvents();
  private final Map<Long, ClientConnection> connections = new HashMap<>();
  private final Subscriptions subscriptions = new Subscriptions();
  private final Counter outputs;
  private final Counter pushes;
  private final Counter droppedPushes;
  private long nextId;

  public WebSocketEndpoint(Publisher publisher, WebSocketLimits limits, MeterRegistry meters) {
    this.publisher = publisher;
    this.limits = limits;
    this.outputs = Counter.builder("reflex_gateway_outputs").register(meters);
    this.pushes = Counter.builder("reflex_gateway_pushes").register(meters);
    this.droppedPushes = Counter.builder("reflex_gateway_pushes_dropped").register(meters);
    Gauge.builder("reflex_gateway_connections", connections, Map::size).register(meters);
    Gauge.builder("reflex_gateway_subscriptions", subscriptions, Subscriptions::size).register(meters);
  }

  public void accept(ServerWebSocket socket) {
    ClientConnection connection = new ClientConnection(nextId++, socket, this, publisher, json, limits);
    connections.put(connection.id(), connection);
  }

  /** Pushes an output event to every subscription whose pattern it matches. */
  public void deliver(CloudEvent event) {
    outputs.increment();
    for (SubscriptionKey key : subscriptions.match(event.encode())) {
      ClientConnection connection = connections.get(key.connection());
      if (connection != null && connection.push(key.sub(), event)) {
        pushes.increment();
      }
    }
  }

  boolean subscribe(SubscriptionKey key, String pattern) {
    if (subscriptions.contains(key)) {
      return false;
    }
    subscriptions.add(key, pattern);
    return true;
  }

  boolean unsubscribe(SubscriptionKey key) {
    return subscriptions.remove(key);
  }

  void closed(ClientConnection connection) {
    connections.remove(connection.id());
    subscriptions.removeConnection(connection.id());
  }

  void pushDropped() {
    droppedPushes.increment();
  }
}
