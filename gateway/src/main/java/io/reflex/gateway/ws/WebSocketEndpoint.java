package io.reflex.gateway.ws;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.reflex.common.event.CloudEvent;
import io.reflex.common.event.DuplicateFilter;
import io.reflex.common.json.BoundedJson;
import io.reflex.gateway.Publisher;
import io.reflex.gateway.auth.Principal;
import io.reflex.gateway.limits.ClientBuckets;
import io.reflex.gateway.limits.RateLimits;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;

import java.util.HashMap;
import java.util.Map;

/**
 * The {@code /ws} endpoint of one gateway verticle: its connections and their subscriptions. Everything here runs on
 * the verticle's event loop, so no locking.
 */
public final class WebSocketEndpoint {

  private final Vertx vertx;
  private final Publisher publisher;
  private final WebSocketLimits limits;
  private final RateLimits rates;
  private final ClientBuckets clientBuckets;
  private final BoundedJson json = BoundedJson.forEvents();
  private final Map<Long, ClientConnection> connections = new HashMap<>();
  private final Map<Long, Long> expiryTimers = new HashMap<>();
  private final Map<Long, Runnable> closeActions = new HashMap<>();
  private final Subscriptions subscriptions = new Subscriptions();
  private final Counter outputs;
  private final Counter pushes;
  private final Counter droppedPushes;
  private final Counter repeatedOutputs;
  private final DuplicateFilter outputsSeen;
  private long nextId;

  /**
   * @param outputsSeen output identities pushed recently: output ids are derived from their cause, so an output that
   *                    arrives again (a retry after a crash in durable mode, or two replicas emitting the same
   *                    recommendation) is recognised and pushed once
   */
  public WebSocketEndpoint(Vertx vertx, Publisher publisher, WebSocketLimits limits, RateLimits rates,
                           ClientBuckets clientBuckets, DuplicateFilter outputsSeen, MeterRegistry meters) {
    this.vertx = vertx;
    this.outputsSeen = outputsSeen;
    this.repeatedOutputs = Counter.builder("reflex_gateway_outputs_repeated")
        .description("output events received again and not pushed a second time").register(meters);
    this.publisher = publisher;
    this.limits = limits;
    this.outputs = Counter.builder("reflex_gateway_outputs").register(meters);
    this.rates = rates;
    this.clientBuckets = clientBuckets;
    this.pushes = Counter.builder("reflex_gateway_pushes").register(meters);
    this.droppedPushes = Counter.builder("reflex_gateway_pushes_dropped").register(meters);
    Gauge.builder("reflex_gateway_connections", connections, Map::size).register(meters);
    Gauge.builder("reflex_gateway_subscriptions", subscriptions, Subscriptions::size).register(meters);
  }

  /**
   * Pings every client periodically: a live client's pong is read traffic, so only a dead or silent peer trips the
   * server's read-idle timeout.
   */
  public long startPinging() {
    return vertx.setPeriodic(rates.pingIntervalSeconds() * 1000L, t -> {
      for (ClientConnection connection : connections.values()) {
        if (!connection.socket().isClosed()) {
          connection.socket().writePing(Buffer.buffer());
        }
      }
      clientBuckets.forgetIdle(System.nanoTime());
    });
  }

  /** @param client who the rate limit of the credential applies to (its subject, or its address when anonymous) */
  void accept(ServerWebSocket socket, Principal principal, String client, Runnable onClose) {
    ClientConnection connection = new ClientConnection(nextId++, socket, this, publisher, json, limits, principal,
        client, rates.connectionBucket(System.nanoTime()));
    connections.put(connection.id(), connection);
    closeActions.put(connection.id(), onClose);
    if (principal.expiresAtMs() > 0) {
      long delay = Math.max(1, principal.expiresAtMs() - System.currentTimeMillis());
      expiryTimers.put(connection.id(), vertx.setTimer(delay, t -> connection.closeForPolicy("token expired")));
    }
  }

  /** Pushes an output event, unless it was pushed recently, to every subscription whose pattern it matches. */
  public void deliver(CloudEvent event) {
    if (outputsSeen.isDuplicate(event.identity(), System.currentTimeMillis())) {
      repeatedOutputs.increment();
      return;
    }
    outputs.increment();
    for (SubscriptionKey key : subscriptions.match(event)) {
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

  boolean takeClientToken(String client, long nowNanos) {
    return clientBuckets.tryTake(client, nowNanos);
  }

  int rateLimitedFramesBeforeClose() {
    return rates.rateLimitedFramesBeforeClose();
  }

  void closed(ClientConnection connection) {
    connections.remove(connection.id());
    subscriptions.removeConnection(connection.id());
    Runnable onClose = closeActions.remove(connection.id());
    if (onClose != null) {
      onClose.run();
    }
    Long timer = expiryTimers.remove(connection.id());
    if (timer != null) {
      vertx.cancelTimer(timer);
    }
  }

  void pushDropped() {
    droppedPushes.increment();
  }
}
