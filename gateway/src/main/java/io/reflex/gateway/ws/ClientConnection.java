package io.reflex.gateway.ws;

import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.reflex.common.event.CloudEvent;
import io.reflex.common.event.EventError;
import io.reflex.common.json.BoundedJson;
import io.reflex.common.pattern.PatternMatcher;
import io.reflex.gateway.Publisher;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * One client's WebSocket session, speaking wire contract v1 (docs/protocol.md). A malformed frame is answered with
 * an error and the session goes on; only broken limits close it.
 *
 * <p>Back-pressure: with too many publishes awaiting acknowledgement the socket stops being read (TCP pushes back on
 * the client); pushes to a client that does not read are dropped once its write queue is full, counted, and the
 * client is told how many it missed when it catches up.
 */
final class ClientConnection {

  private final long id;
  private final ServerWebSocket socket;
  private final WebSocketEndpoint endpoint;
  private final Publisher publisher;
  private final BoundedJson json;
  private final WebSocketLimits limits;
  private int inFlight;
  private boolean paused;
  private long droppedPushes;

  ClientConnection(long id, ServerWebSocket socket, WebSocketEndpoint endpoint, Publisher publisher,
                   BoundedJson json, WebSocketLimits limits) {
    this.id = id;
    this.socket = socket;
    this.endpoint = endpoint;
    this.publisher = publisher;
    this.json = json;
    this.limits = limits;
    socket.setWriteQueueMaxSize(limits.maxQueuedPushBytes());
    socket.textMessageHandler(this::onText);
    socket.binaryMessageHandler(this::onBinary);
    socket.drainHandler(v -> reportDroppedPushes());
    socket.closeHandler(v -> endpoint.closed(this));
    socket.exceptionHandler(this::onFailure);
  }

  long id() {
    return id;
  }

  /** Pushes an output event to one of this client's subscriptions, unless the client has stopped reading. */
  boolean push(String sub, CloudEvent event) {
    if (socket.writeQueueFull()) {
      droppedPushes++;
      endpoint.pushDropped();
      return false;
    }
    socket.writeTextMessage("{\"op\":\"event\",\"sub\":" + Json.encode(sub) + ",\"event\":" + event.encode() + "}");
    return true;
  }

  private void reportDroppedPushes() {
    if (droppedPushes > 0) {
      send(new JsonObject().put("op", "dropped").put("count", droppedPushes));
      droppedPushes = 0;
    }
  }

  /**
   * A broken frame limit closes with the code the WebSocket codec chose (1009 too big, 1002 protocol error); Vert.x
   * reports a message that would overflow the size limit, assembled from several frames, only by its text.
   */
  private void onFailure(Throwable failure) {
    if (failure instanceof CorruptedWebSocketFrameException corrupted) {
      socket.close((short) corrupted.closeStatus().code(), corrupted.closeStatus().reasonText());
    } else if (String.valueOf(failure.getMessage()).contains("overflow max message size")) {
      socket.close((short) 1009, "message too big");
    } else {
      socket.close((short) 1011, "internal error");
    }
  }

  private void onBinary(Buffer frame) {
    error(null, EventError.INVALID_FRAME, "binary frames are not supported; send JSON as text frames");
  }

  private void onText(String text) {
    Object frame;
    try {
      frame = json.parse(text);
    } catch (DecodeException e) {
      error(null, EventError.INVALID_JSON, "frame is not valid JSON: " + e.getMessage());
      return;
    }
    if (!(frame instanceof JsonObject message)) {
      error(null, EventError.INVALID_FRAME, "a frame must be a JSON object with an 'op'");
      return;
    }
    Object ref = message.getValue("ref");
    Object op = message.getValue("op");
    if (!(op instanceof String name)) {
      error(ref, EventError.INVALID_FRAME, "a frame needs an 'op': publish, subscribe or unsubscribe");
      return;
    }
    switch (name) {
      case "publish" -> publish(ref, message);
      case "subscribe" -> subscribe(ref, message);
      case "unsubscribe" -> unsubscribe(ref, message);
      default -> error(ref, EventError.UNKNOWN_OP, "unknown op '" + name + "'; use publish, subscribe or unsubscribe");
    }
  }

  private void publish(Object ref, JsonObject message) {
    if (!(message.getValue("events") instanceof JsonArray events) || events.isEmpty()) {
      error(ref, EventError.INVALID_FRAME, "publish needs a non-empty 'events' array");
      return;
    }
    if (events.size() > limits.maxEventsPerPublish()) {
      error(ref, EventError.TOO_MANY_EVENTS, "a publish may carry at most " + limits.maxEventsPerPublish()
          + " events; this one has " + events.size());
      return;
    }
    inFlight++;
    if (inFlight >= limits.maxInFlightPublishes() && !paused) {
      paused = true;
      socket.pause();
    }
    publisher.publish(events).onComplete(done -> {
      inFlight--;
      if (paused && inFlight <= limits.maxInFlightPublishes() / 2) {
        paused = false;
        socket.resume();
      }
      if (!socket.isClosed()) {
        send(new JsonObject().put("op", "ack").put("ref", ref).put("results", done.result()));
      }
    });
  }

  private void subscribe(Object ref, JsonObject message) {
    Object sub = message.getValue("sub");
    if (!(sub instanceof String name) || name.isEmpty()) {
      error(ref, EventError.INVALID_FRAME, "subscribe needs a 'sub': the client's name for the subscription");
      return;
    }
    if (!(message.getValue("pattern") instanceof JsonObject pattern)) {
      error(ref, EventError.INVALID_PATTERN, "subscribe needs a 'pattern': an EventBridge pattern object");
      return;
    }
    String text = pattern.encode();
    String problem = pattern.isEmpty() ? "the pattern is empty; use e.g. {\"type\":[\"reflex.anomaly.detected\"]}"
        : PatternMatcher.check(text);
    if (problem != null) {
      error(ref, EventError.INVALID_PATTERN, problem);
      return;
    }
    SubscriptionKey key = new SubscriptionKey(id, name);
    if (!endpoint.subscribe(key, text)) {
      error(ref, EventError.DUPLICATE_SUBSCRIPTION, "subscription '" + name + "' already exists on this connection");
      return;
    }
    send(new JsonObject().put("op", "subscribed").put("ref", ref).put("sub", name));
  }

  private void unsubscribe(Object ref, JsonObject message) {
    Object sub = message.getValue("sub");
    if (!(sub instanceof String name) || !endpoint.unsubscribe(new SubscriptionKey(id, name))) {
      error(ref, EventError.UNKNOWN_SUBSCRIPTION, "no subscription '" + sub + "' on this connection");
      return;
    }
    send(new JsonObject().put("op", "unsubscribed").put("ref", ref).put("sub", name));
  }

  private void error(Object ref, String code, String message) {
    JsonObject frame = new JsonObject().put("op", "error");
    if (ref != null) {
      frame.put("ref", ref);
    }
    send(frame.put("error", new EventError(code, message).toJson()));
  }

  private void send(JsonObject frame) {
    if (!socket.isClosed()) {
      socket.writeTextMessage(frame.encode());
    }
  }
}
