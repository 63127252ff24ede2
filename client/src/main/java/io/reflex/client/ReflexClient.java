package io.reflex.client;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * A Reflex gateway connection (wire contract v1). {@link #publish} queues an event and returns its
 * verdict later; events published close together travel in one publish frame, at most {@code
 * maxInFlightEvents} are unacknowledged at a time, and when the connection drops the client
 * reconnects, renews its subscriptions and sends the unacknowledged events again (the gateway
 * answers {@code duplicate} for those it already had, which counts as delivered). Events the
 * gateway refuses as {@code rate_limited} are not failed: the client slows down (see {@link
 * SendPace}) and sends them again, possibly after events published later. Against a durable mesh
 * (wire contract v1.1) each subscription is renewed from the cursor of the last output it received,
 * so outputs made while the client was away arrive after the reconnect, each once. Every method may
 * be called from any thread; the state lives on one Vert.x context.
 */
public final class ReflexClient {

  private static final Logger LOG = Logger.getLogger(ReflexClient.class.getName());
  private static final long FIRST_RECONNECT_DELAY_MS = 100;
  // How long a partial batch may wait for company while earlier frames are still unacknowledged.
  private static final long LINGER_MS = 2;
  private static final String RATE_LIMITED = "rate_limited";

  private final Vertx vertx;
  private final Context context;
  private final ClientOptions options;
  private final WebSocketClient sockets;
  private final Deque<Queued> queue = new ArrayDeque<>();
  // Insertion order = send order, so a resend after a reconnect keeps the events in their original
  // order.
  private final Map<String, List<Queued>> inFlight = new LinkedHashMap<>();
  private final Map<String, Subscription> subscriptions = new LinkedHashMap<>();
  private final Map<String, Promise<Subscription>> subscribing = new HashMap<>();
  private final List<Promise<Void>> capacityWaiters = new ArrayList<>();
  private WebSocket socket;
  private Handler<Long> droppedHandler = count -> {};
  private Handler<Integer> rateLimitedHandler = count -> {};
  private final SendPace pace;
  private boolean backingOff;
  private int inFlightEvents;
  private long nextRef;
  private long reconnectDelayMs = FIRST_RECONNECT_DELAY_MS;
  private boolean flushScheduled;
  private boolean lingering;
  private boolean closed;

  private ReflexClient(Vertx vertx, ClientOptions options) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.options = options;
    this.pace = new SendPace(options.maxBatch(), options.maxInFlightEvents());
    this.sockets =
        vertx.createWebSocketClient(
            new WebSocketClientOptions().setMaxFrameSize(1 << 20).setMaxMessageSize(1 << 22));
  }

  /**
   * Connects once; fails when the gateway cannot be reached (later drops are repaired by
   * reconnecting).
   */
  public static Future<ReflexClient> connect(Vertx vertx, ClientOptions options) {
    ReflexClient client = new ReflexClient(vertx, options);
    Promise<ReflexClient> connected = Promise.promise();
    client.context.runOnContext(
        v ->
            client
                .open()
                .onComplete(
                    ar -> {
                      if (ar.succeeded()) {
                        connected.complete(client);
                      } else {
                        client.sockets.close();
                        connected.fail(ar.cause());
                      }
                    }));
    return connected.future();
  }

  /**
   * Queues one event; the future completes with the gateway's verdict, or fails if the client is
   * closed first.
   */
  public Future<PublishResult> publish(JsonObject event) {
    Promise<PublishResult> verdict = Promise.promise();
    onContext(
        () -> {
          if (closed) {
            verdict.fail(new IllegalStateException("the client is closed"));
            return;
          }
          queue.add(new Queued(event, verdict));
          scheduleFlush();
        });
    return verdict.future();
  }

  /**
   * Completes when fewer than {@code maxInFlightEvents} events wait in the client's queue:
   * producers reading a large source call this between events so memory stays bounded.
   */
  public Future<Void> capacity() {
    Promise<Void> ready = Promise.promise();
    onContext(
        () -> {
          if (queue.size() < options.maxInFlightEvents() || closed) {
            ready.complete();
          } else {
            capacityWaiters.add(ready);
          }
        });
    return ready.future();
  }

  /**
   * Subscribes to output events matching an EventBridge pattern; fails with the gateway's error if
   * refused.
   */
  public Future<Subscription> subscribe(JsonObject pattern, Handler<JsonObject> handler) {
    return subscribe(pattern, null, handler);
  }

  /**
   * The same, starting in the output log (durable mode): {@code from} is a cursor kept from an
   * earlier subscription ({@link Subscription#cursor()}), {@code "earliest"} or an RFC 3339 time;
   * null means live outputs only.
   */
  public Future<Subscription> subscribe(
      JsonObject pattern, String from, Handler<JsonObject> handler) {
    Promise<Subscription> subscribed = Promise.promise();
    onContext(
        () -> {
          String sub = "s" + nextRef++;
          Subscription subscription = new Subscription(this, sub, pattern, from, handler);
          subscriptions.put(sub, subscription);
          subscribing.put(sub, subscribed);
          if (socket != null) {
            sendSubscribe(subscription);
          }
        });
    return subscribed.future();
  }

  /** Called with the number of pushes the gateway dropped because this client read too slowly. */
  public ReflexClient droppedHandler(Handler<Long> handler) {
    onContext(() -> droppedHandler = handler);
    return this;
  }

  /**
   * Called with the number of events the gateway refused as {@code rate_limited} each time, which
   * the client will send again after backing off.
   */
  public ReflexClient rateLimitedHandler(Handler<Integer> handler) {
    onContext(() -> rateLimitedHandler = handler);
    return this;
  }

  /** Closes the connection; events not yet acknowledged fail. */
  public Future<Void> close() {
    Promise<Void> done = Promise.promise();
    onContext(
        () -> {
          closed = true;
          IllegalStateException failure =
              new IllegalStateException("the client was closed before the gateway answered");
          inFlight.values().forEach(batch -> batch.forEach(q -> q.verdict().tryFail(failure)));
          queue.forEach(q -> q.verdict().tryFail(failure));
          subscribing.values().forEach(p -> p.tryFail(failure));
          inFlight.clear();
          queue.clear();
          capacityWaiters.forEach(Promise::tryComplete);
          Future<Void> closing = socket == null ? Future.succeededFuture() : socket.close();
          closing.eventually(sockets::close).onComplete(ar -> done.complete());
        });
    return done.future();
  }

  Future<Void> unsubscribe(Subscription subscription) {
    Promise<Void> done = Promise.promise();
    onContext(
        () -> {
          subscriptions.remove(subscription.name());
          if (socket == null) {
            done.complete();
          } else {
            socket
                .writeTextMessage(
                    new JsonObject()
                        .put("op", "unsubscribe")
                        .put("ref", "u:" + subscription.name())
                        .put("sub", subscription.name())
                        .encode())
                .onComplete(done);
          }
        });
    return done.future();
  }

  private Future<Void> open() {
    WebSocketConnectOptions connect =
        new WebSocketConnectOptions().setHost(options.host()).setPort(options.port()).setURI("/ws");
    if (options.token() != null) {
      connect.addHeader("Authorization", "Bearer " + options.token());
    }
    return sockets
        .connect(connect)
        .map(
            ws -> {
              socket = ws;
              reconnectDelayMs = FIRST_RECONNECT_DELAY_MS;
              ws.textMessageHandler(this::received);
              ws.closeHandler(v -> disconnected(ws));
              ws.drainHandler(v -> flush());
              subscriptions.values().forEach(this::sendSubscribe);
              flush();
              return null;
            });
  }

  private void disconnected(WebSocket ws) {
    if (socket != ws) {
      return;
    }
    socket = null;
    if (closed) {
      return;
    }
    // Unacknowledged batches go back to the front of the queue, oldest first, to be sent again.
    List<Queued> resend = new ArrayList<>();
    inFlight.values().forEach(resend::addAll);
    inFlight.clear();
    inFlightEvents = 0;
    for (int i = resend.size() - 1; i >= 0; i--) {
      queue.addFirst(resend.get(i));
    }
    LOG.info(
        "connection to "
            + options.host()
            + ":"
            + options.port()
            + " lost; "
            + resend.size()
            + " unacknowledged events will be sent again after reconnecting");
    scheduleReconnect();
  }

  private void scheduleReconnect() {
    long delay = reconnectDelayMs;
    reconnectDelayMs = Math.min(reconnectDelayMs * 2, options.maxReconnectDelayMs());
    vertx.setTimer(
        delay,
        id -> {
          if (!closed && socket == null) {
            open().onFailure(e -> scheduleReconnect());
          }
        });
  }

  private void scheduleFlush() {
    // Events published in the same turn of the event loop share a frame.
    if (!flushScheduled) {
      flushScheduled = true;
      context.runOnContext(
          v -> {
            flushScheduled = false;
            flush();
          });
    }
  }

  private void flush() {
    flush(false);
  }

  /**
   * Full batches go out at once; a partial one goes out when nothing else is unacknowledged (so a
   * lone event is not delayed) or after lingering briefly, so a steady trickle of events still
   * travels in shared frames.
   */
  private void flush(boolean lingered) {
    while (socket != null
        && !backingOff
        && !queue.isEmpty()
        && inFlightEvents < pace.window()
        && !socket.writeQueueFull()) {
      if (queue.size() < options.maxBatch() && !inFlight.isEmpty() && !lingered) {
        if (!lingering) {
          lingering = true;
          vertx.setTimer(
              LINGER_MS,
              id -> {
                lingering = false;
                flush(true);
              });
        }
        break;
      }
      int size =
          Math.min(queue.size(), Math.min(options.maxBatch(), pace.window() - inFlightEvents));
      List<Queued> batch = new ArrayList<>(size);
      JsonArray events = new JsonArray(new ArrayList<>(size));
      for (int i = 0; i < size; i++) {
        Queued next = queue.poll();
        batch.add(next);
        events.add(next.event());
      }
      String ref = "p" + nextRef++;
      inFlight.put(ref, batch);
      inFlightEvents += size;
      socket.writeTextMessage(
          new JsonObject().put("op", "publish").put("ref", ref).put("events", events).encode());
    }
    if (queue.size() < options.maxInFlightEvents() && !capacityWaiters.isEmpty()) {
      List<Promise<Void>> ready = new ArrayList<>(capacityWaiters);
      capacityWaiters.clear();
      ready.forEach(Promise::tryComplete);
    }
  }

  private void received(String text) {
    JsonObject frame;
    try {
      frame = new JsonObject(text);
    } catch (RuntimeException e) {
      LOG.warning("ignoring a frame that is not JSON: " + e.getMessage());
      return;
    }
    // Unknown ops are ignored, as the contract asks of clients.
    switch (frame.getString("op", "")) {
      case "ack" ->
          acknowledged(frame.getString("ref"), frame.getJsonArray("results", new JsonArray()));
      case "event" -> {
        Subscription subscription = subscriptions.get(frame.getString("sub"));
        if (subscription != null) {
          subscription.deliver(frame.getJsonObject("event"), frame.getString("cursor"));
        }
      }
      case "subscribed" -> {
        Promise<Subscription> pending = subscribing.remove(frame.getString("sub"));
        Subscription subscription = subscriptions.get(frame.getString("sub"));
        // Durable mode: where the subscription starts, to renew it from there if the connection
        // drops before the
        // first event.
        if (subscription != null
            && subscription.cursor() == null
            && frame.getString("cursor") != null) {
          subscription.cursor(frame.getString("cursor"));
        }
        if (pending != null && subscription != null) {
          pending.complete(subscription);
        }
      }
      case "dropped" -> droppedHandler.handle(frame.getLong("count", 0L));
      case "error" -> failed(frame.getValue("ref"), frame.getJsonObject("error", new JsonObject()));
      default -> {}
    }
  }

  private void acknowledged(String ref, JsonArray results) {
    List<Queued> batch = inFlight.remove(ref);
    if (batch == null) {
      return;
    }
    inFlightEvents -= batch.size();
    List<Queued> limited = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      PublishResult verdict =
          results.getValue(i) instanceof JsonObject json
              ? PublishResult.from(json)
              : new PublishResult(
                  batch.get(i).event().getValue("id"),
                  PublishResult.Status.REJECTED,
                  "missing_result",
                  "the gateway's ack had no result for this event");
      if (RATE_LIMITED.equals(verdict.errorCode())) {
        limited.add(batch.get(i));
      } else {
        batch.get(i).verdict().tryComplete(verdict);
      }
    }
    if (limited.isEmpty()) {
      pace.accepted();
    } else {
      sendLater(limited);
    }
    flush();
  }

  /**
   * Rate-limited events go back to the front of the queue, to be sent once the client has waited.
   */
  private void sendLater(List<Queued> limited) {
    for (int i = limited.size() - 1; i >= 0; i--) {
      queue.addFirst(limited.get(i));
    }
    rateLimitedHandler.handle(limited.size());
    // Acks of frames sent before the wait began say nothing new about the rate: one wait covers
    // them all.
    if (!backingOff) {
      backingOff = true;
      vertx.setTimer(
          pace.refused(),
          id -> {
            backingOff = false;
            flush();
          });
    }
  }

  private void failed(Object ref, JsonObject error) {
    String code = error.getString("code", "unknown");
    String message = error.getString("message", "");
    if (ref instanceof String name && name.startsWith("s:")) {
      String sub = name.substring(2);
      Subscription renewed = subscriptions.get(sub);
      if (!subscribing.containsKey(sub)
          && renewed != null
          && renewalFailed(renewed, code, message)) {
        return;
      }
      subscriptions.remove(sub);
      Promise<Subscription> pending = subscribing.remove(sub);
      if (pending != null) {
        pending.fail(new IllegalArgumentException(code + ": " + message));
      }
    } else if (ref instanceof String name
        && inFlight.containsKey(name)
        && RATE_LIMITED.equals(code)) {
      List<Queued> batch = inFlight.remove(name);
      inFlightEvents -= batch.size();
      sendLater(batch);
    } else if (ref instanceof String name && inFlight.containsKey(name)) {
      // A whole publish refused (too_many_events, invalid_frame): every event in it is rejected
      // with that code.
      List<Queued> batch = inFlight.remove(name);
      inFlightEvents -= batch.size();
      batch.forEach(
          q ->
              q.verdict()
                  .tryComplete(
                      new PublishResult(
                          q.event().getValue("id"), PublishResult.Status.REJECTED, code, message)));
      flush();
    } else {
      LOG.warning("gateway error " + code + ": " + message);
    }
  }

  /**
   * A subscription renewed after a reconnect was refused: it is kept and renewed again, from the
   * earliest output left when its cursor is gone (a drop longer than the log keeps outputs, or a
   * log started anew), a moment later when the gateway could not read the log. False for a refusal
   * that renewing cannot mend.
   */
  private boolean renewalFailed(Subscription subscription, String code, String message) {
    switch (code) {
      case "cursor_expired", "invalid_parameter" -> {
        LOG.warning(
            "subscription "
                + subscription.name()
                + " cannot resume from its cursor ("
                + code
                + ": "
                + message
                + "); resuming from the earliest output left");
        subscription.cursor("earliest");
        sendSubscribe(subscription);
        return true;
      }
      case "unavailable", "overloaded" -> {
        vertx.setTimer(
            reconnectDelayMs,
            id -> {
              if (socket != null && subscriptions.get(subscription.name()) == subscription) {
                sendSubscribe(subscription);
              }
            });
        return true;
      }
      default -> {
        return false;
      }
    }
  }

  private void sendSubscribe(Subscription subscription) {
    JsonObject frame =
        new JsonObject()
            .put("op", "subscribe")
            .put("ref", "s:" + subscription.name())
            .put("sub", subscription.name())
            .put("pattern", subscription.pattern());
    if (subscription.cursor() != null) {
      frame.put("from", subscription.cursor());
    }
    socket.writeTextMessage(frame.encode());
  }

  private void onContext(Runnable action) {
    if (Vertx.currentContext() == context) {
      action.run();
    } else {
      context.runOnContext(v -> action.run());
    }
  }

  private record Queued(JsonObject event, Promise<PublishResult> verdict) {}
}
