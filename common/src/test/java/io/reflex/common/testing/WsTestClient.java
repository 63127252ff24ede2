package io.reflex.common.testing;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real WebSocket client for tests, speaking to the gateway over loopback. Frames are collected as
 * they arrive; {@link #await} blocks the test thread (never an event loop) until a frame matching a
 * condition has arrived.
 */
public final class WsTestClient implements AutoCloseable {

  private final WebSocket socket;
  private final List<JsonObject> frames = new ArrayList<>();
  private final List<Waiter> waiters = new ArrayList<>();
  private volatile Short closeStatus;

  private WsTestClient(WebSocket socket) {
    this.socket = socket;
    socket.textMessageHandler(text -> received(new JsonObject(text)));
    socket.closeHandler(v -> closeStatus = socket.closeStatusCode());
  }

  private static final Set<WebSocketClient> CLIENTS = ConcurrentHashMap.newKeySet();

  public static WsTestClient connect(Vertx vertx, int port) {
    return new WsTestClient(open(vertx, options(port)).await());
  }

  /** Connects with extra handshake headers (Authorization, Origin, ...). */
  public static WsTestClient connect(Vertx vertx, WebSocketConnectOptions options) {
    return new WsTestClient(open(vertx, options).await());
  }

  /** The options of a connection to the gateway's {@code /ws} on loopback, to add headers to. */
  public static WebSocketConnectOptions options(int port) {
    return new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/ws");
  }

  /**
   * Opens a socket without waiting, e.g. to observe how the handshake is refused. The client must
   * stay reachable until the socket is closed: Vert.x closes a client the garbage collector finds
   * unreferenced, which cut handshakes in flight ("Connection closed while handshake in process")
   * whenever a GC struck at the wrong moment. Tests are short-lived, so the clients are simply kept
   * until their Vert.x instance closes.
   */
  public static Future<WebSocket> open(Vertx vertx, WebSocketConnectOptions options) {
    WebSocketClient client =
        vertx.createWebSocketClient(
            new WebSocketClientOptions().setMaxFrameSize(1 << 20).setMaxMessageSize(1 << 22));
    CLIENTS.add(client);
    return client.connect(options);
  }

  public WebSocket socket() {
    return socket;
  }

  public void send(JsonObject frame) {
    socket.writeTextMessage(frame.encode()).await();
  }

  public void sendText(String text) {
    socket.writeTextMessage(text).await();
  }

  /** Sends a frame with a {@code ref} and waits for the answer carrying the same ref. */
  public JsonObject request(JsonObject frame) {
    send(frame);
    Object ref = frame.getValue("ref");
    return await(f -> ref != null && ref.equals(f.getValue("ref")));
  }

  /**
   * Waits up to 10 s for a frame matching the condition (including frames that arrived earlier).
   */
  public JsonObject await(Predicate<JsonObject> condition) {
    return await(condition, 10_000);
  }

  public JsonObject await(Predicate<JsonObject> condition, long timeoutMs) {
    Promise<JsonObject> promise = Promise.promise();
    synchronized (this) {
      for (JsonObject frame : frames) {
        if (condition.test(frame)) {
          return frame;
        }
      }
      waiters.add(new Waiter(condition, promise));
    }
    try {
      return promise.future().await(timeoutMs, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new AssertionError(
          "no matching frame within " + timeoutMs + " ms; received " + framesSoFar(), e);
    }
  }

  /** Waits for a pushed output event of a subscription whose event matches the condition. */
  public JsonObject awaitEvent(String sub, Predicate<JsonObject> eventCondition) {
    return await(
            f ->
                "event".equals(f.getString("op"))
                    && sub.equals(f.getString("sub"))
                    && eventCondition.test(f.getJsonObject("event")))
        .getJsonObject("event");
  }

  public synchronized List<JsonObject> framesSoFar() {
    return List.copyOf(frames);
  }

  public Short closeStatus() {
    return closeStatus;
  }

  public boolean isClosed() {
    return socket.isClosed();
  }

  private synchronized void received(JsonObject frame) {
    frames.add(frame);
    Iterator<Waiter> it = waiters.iterator();
    while (it.hasNext()) {
      Waiter waiter = it.next();
      if (waiter.condition().test(frame)) {
        it.remove();
        waiter.promise().tryComplete(frame);
      }
    }
  }

  @Override
  public void close() {
    if (!socket.isClosed()) {
      socket.close().await();
    }
  }

  private record Waiter(Predicate<JsonObject> condition, Promise<JsonObject> promise) {}
}
