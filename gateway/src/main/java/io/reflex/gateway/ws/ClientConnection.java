package io.reflex.gateway.ws;

import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.reflex.common.event.CloudEvent;
import io.reflex.common.event.EventError;
import io.reflex.common.json.BoundedJson;
import io.reflex.common.json.JsonText;
import io.reflex.common.pattern.PatternMatcher;
import io.reflex.gateway.Publisher;
import io.reflex.gateway.auth.Principal;
import io.reflex.gateway.auth.Tenancy;
import io.reflex.gateway.limits.TokenBucket;
import io.reflex.gateway.resume.CatchUp;
import io.reflex.gateway.resume.Cursor;
import io.reflex.gateway.resume.ResumeFrom;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.internal.http.WebSocketInternal;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * One client's WebSocket session, speaking wire contract v1 (docs/protocol.md). A malformed frame
 * is answered with an error and the session goes on; only broken limits, sustained rate-limit abuse
 * and an expired token close it.
 *
 * <p>Back-pressure: with too many publishes awaiting acknowledgement, or with replies piling up
 * because the client does not read them, the socket stops being read (TCP pushes back on the
 * client); pushes to a client that does not read are dropped once its write queue is full, counted,
 * and the client is told how many it missed when it catches up. In durable mode a push that does
 * not fit is not dropped: the subscription reads the output log from there on instead, as a resumed
 * one does (docs/protocol.md, v1.1).
 */
final class ClientConnection {

  private static final EventError RATE_LIMITED =
      new EventError(
          EventError.RATE_LIMITED,
          "this connection or its credential sends faster than its rate limit; slow down");

  private final long id;
  private final ServerWebSocket socket;
  private final WebSocketEndpoint endpoint;
  private final Publisher publisher;
  private final BoundedJson json;
  private final WebSocketLimits limits;
  private final PublishBudget budget;
  private final Principal principal;
  private final String client;
  private final TokenBucket bucket;
  private final Utf8Check utf8 = new Utf8Check();
  private int inFlight;
  private boolean pausedForAcks;
  private boolean pausedForReplies;
  private boolean pausedForBudget;
  private long droppedPushes;
  private int rateLimitedFrames;
  private final List<Runnable> drainWaiters = new ArrayList<>();

  ClientConnection(
      long id,
      ServerWebSocket socket,
      WebSocketEndpoint endpoint,
      Publisher publisher,
      BoundedJson json,
      WebSocketLimits limits,
      PublishBudget budget,
      Principal principal,
      String client,
      TokenBucket bucket) {
    this.id = id;
    this.socket = socket;
    this.endpoint = endpoint;
    this.publisher = publisher;
    this.json = json;
    this.limits = limits;
    this.budget = budget;
    this.principal = principal;
    this.client = client;
    this.bucket = bucket;
    socket.setWriteQueueMaxSize(limits.maxQueuedPushBytes());
    consolidateFlushes(socket);
    // Frames reach this handler before the assembled message reaches onText, so bad UTF-8 closes
    // first.
    socket.frameHandler(
        frame -> {
          if (!utf8.accept(frame) && !socket.isClosed()) {
            socket.close((short) 1007, "invalid UTF-8");
          }
        });
    socket.textMessageHandler(this::onText);
    socket.binaryMessageHandler(this::onBinary);
    socket.drainHandler(v -> onDrain());
    socket.closeHandler(v -> endpoint.closed(this));
    socket.exceptionHandler(this::onFailure);
  }

  /**
   * Vert.x flushes every write made outside a channel read, and acks and pushes arrive from the
   * event bus, so without this each pushed event cost its own write system call. Netty's handler
   * holds those flushes to the end of the event-loop turn: everything written to this client in one
   * turn leaves in one write.
   */
  private static void consolidateFlushes(ServerWebSocket socket) {
    if (socket instanceof WebSocketInternal internal) {
      internal
          .channelHandlerContext()
          .pipeline()
          .addFirst(
              "reflex-flush",
              new FlushConsolidationHandler(
                  FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES, true));
    }
  }

  long id() {
    return id;
  }

  ServerWebSocket socket() {
    return socket;
  }

  /**
   * Pushes an output event to one of this client's subscriptions, unless the client has stopped
   * reading; with its place in the output log in durable mode (null otherwise).
   */
  boolean push(String sub, CloudEvent event, Cursor cursor) {
    if (socket.isClosed()) {
      return false;
    }
    if (socket.writeQueueFull()) {
      droppedPushes++;
      endpoint.pushDropped();
      return false;
    }
    // Also reported here, not only on drain: the first push that fits again tells the client what
    // it missed.
    reportDroppedPushes();
    write(sub, event, cursor);
    return true;
  }

  /**
   * The push frame, written directly: it goes out for every output and subscription. Concatenated,
   * so its text is allocated once at its exact size.
   */
  private void write(String sub, CloudEvent event, Cursor cursor) {
    String place = cursor == null ? "" : ",\"cursor\":\"" + cursor.encode() + '"';
    socket.writeTextMessage(
        "{\"op\":\"event\",\"sub\":"
            + JsonText.quote(sub)
            + place
            + ",\"event\":"
            + event.encode()
            + '}');
  }

  boolean writable() {
    return !socket.isClosed() && !socket.writeQueueFull();
  }

  /** One subscription as a catch-up from the output log sees it. */
  CatchUp.Subscriber subscriber(String sub) {
    return new CatchUp.Subscriber() {
      @Override
      public boolean closed() {
        return socket.isClosed();
      }

      @Override
      public boolean writable() {
        return ClientConnection.this.writable();
      }

      @Override
      public void whenWritable(Runnable action) {
        drainWaiters.add(action);
      }

      @Override
      public void push(CloudEvent output, Cursor cursor) {
        if (!socket.isClosed()) {
          write(sub, output, cursor);
        }
      }
    };
  }

  void closeForPolicy(String reason) {
    if (!socket.isClosed()) {
      socket.close((short) 1008, reason);
    }
  }

  private void onDrain() {
    reportDroppedPushes();
    if (!drainWaiters.isEmpty()) {
      List<Runnable> waiting = new ArrayList<>(drainWaiters);
      drainWaiters.clear();
      waiting.forEach(Runnable::run);
    }
    pausedForReplies = false;
    resumeIfUnblocked();
  }

  private void reportDroppedPushes() {
    if (droppedPushes > 0) {
      send(new JsonObject().put("op", "dropped").put("count", droppedPushes));
      droppedPushes = 0;
    }
  }

  /**
   * A broken frame limit closes with the code the WebSocket codec chose (1009 too big, 1002
   * protocol error); Vert.x reports a message that would overflow the size limit, assembled from
   * several frames, only by its text.
   */
  private void onFailure(Throwable failure) {
    String text = String.valueOf(failure.getMessage());
    if (failure instanceof CorruptedWebSocketFrameException corrupted) {
      socket.close((short) corrupted.closeStatus().code(), corrupted.closeStatus().reasonText());
    } else if (text.contains("overflow max message size")) {
      socket.close((short) 1009, "message too big");
    } else {
      socket.close((short) 1011, "internal error");
    }
  }

  private void onBinary(Buffer frame) {
    if (admitFrame(null)) {
      error(
          null,
          EventError.INVALID_FRAME,
          "binary frames are not supported; send JSON as text frames");
    }
  }

  private void onText(String text) {
    Object frame;
    try {
      frame = json.parse(text);
    } catch (DecodeException e) {
      if (admitFrame(null)) {
        error(null, EventError.INVALID_JSON, "frame is not valid JSON: " + e.getMessage());
      }
      return;
    }
    if (!(frame instanceof JsonObject message)) {
      if (admitFrame(null)) {
        error(null, EventError.INVALID_FRAME, "a frame must be a JSON object with an 'op'");
      }
      return;
    }
    Object ref = message.getValue("ref");
    Object op = message.getValue("op");
    if ("publish".equals(op)) {
      publish(ref, message);
    } else if (admitFrame(ref)) {
      if (!(op instanceof String name)) {
        error(
            ref,
            EventError.INVALID_FRAME,
            "a frame needs an 'op': publish, subscribe or unsubscribe");
        return;
      }
      switch (name) {
        case "subscribe" -> subscribe(ref, message);
        case "unsubscribe" -> unsubscribe(ref, message);
        default ->
            error(
                ref,
                EventError.UNKNOWN_OP,
                "unknown op '" + name + "'; use publish, subscribe or unsubscribe");
      }
    }
  }

  /**
   * Every frame but a publish costs one token; a publish costs one per event (see {@link
   * #publish}).
   */
  private boolean admitFrame(Object ref) {
    if (takeToken()) {
      rateLimitedFrames = 0;
      return true;
    }
    rateLimited();
    send(errorFrame(ref, RATE_LIMITED));
    return false;
  }

  private boolean takeToken() {
    long now = System.nanoTime();
    return bucket.tryTake(now) && endpoint.takeClientToken(client, now);
  }

  /**
   * Sustained abuse: after this many rate-limited frames in a row the connection is closed (1008).
   */
  private void rateLimited() {
    if (++rateLimitedFrames >= endpoint.rateLimitedFramesBeforeClose()) {
      closeForPolicy("rate limit exceeded");
    }
  }

  private void publish(Object ref, JsonObject message) {
    if (!principal.may(Principal.PUBLISH)) {
      if (admitFrame(ref)) {
        error(ref, EventError.FORBIDDEN, "publishing needs the 'publish' scope");
      }
      return;
    }
    if (!(message.getValue("events") instanceof JsonArray events) || events.isEmpty()) {
      if (admitFrame(ref)) {
        error(ref, EventError.INVALID_FRAME, "publish needs a non-empty 'events' array");
      }
      return;
    }
    if (events.size() > limits.maxEventsPerPublish()) {
      if (admitFrame(ref)) {
        error(
            ref,
            EventError.TOO_MANY_EVENTS,
            "a publish may carry at most "
                + limits.maxEventsPerPublish()
                + " events; this one has "
                + events.size());
      }
      return;
    }
    boolean[] limited = {false};
    inFlight++;
    if (inFlight >= limits.maxInFlightPublishes() && !pausedForAcks) {
      pausedForAcks = true;
      socket.pause();
    }
    int published = events.size();
    if (budget.take(published) && !pausedForBudget) {
      pausedForBudget = true;
      socket.pause();
      budget.whenAvailable(
          () -> {
            pausedForBudget = false;
            resumeIfUnblocked();
          });
    }
    publisher
        .publish(
            events,
            event -> {
              if (!takeToken()) {
                limited[0] = true;
                return RATE_LIMITED;
              }
              return Tenancy.admit(principal, event);
            })
        .onComplete(
            done -> {
              inFlight--;
              budget.give(published);
              if (pausedForAcks && inFlight <= limits.maxInFlightPublishes() / 2) {
                pausedForAcks = false;
                resumeIfUnblocked();
              }
              sendText(ackFrame(ref, done.result()));
            });
    if (limited[0]) {
      rateLimited();
    } else {
      rateLimitedFrames = 0;
    }
  }

  private void subscribe(Object ref, JsonObject message) {
    if (!principal.may(Principal.SUBSCRIBE)) {
      error(ref, EventError.FORBIDDEN, "subscribing needs the 'subscribe' scope");
      return;
    }
    Object sub = message.getValue("sub");
    if (!(sub instanceof String name) || name.isEmpty()) {
      error(
          ref,
          EventError.INVALID_FRAME,
          "subscribe needs a 'sub': the client's name for the subscription");
      return;
    }
    if (!(message.getValue("pattern") instanceof JsonObject pattern)) {
      error(
          ref,
          EventError.INVALID_PATTERN,
          "subscribe needs a 'pattern': an EventBridge pattern object");
      return;
    }
    String problem =
        pattern.isEmpty()
            ? "the pattern is empty; use e.g. {\"type\":[\"reflex.anomaly.detected\"]}"
            : PatternMatcher.check(pattern.encode());
    if (problem != null) {
      error(ref, EventError.INVALID_PATTERN, problem);
      return;
    }
    SubscriptionKey key = new SubscriptionKey(id, name);
    String narrowed = Tenancy.narrow(principal, pattern).encode();
    if (message.containsKey("from")) {
      resume(ref, key, narrowed, message.getValue("from"));
      return;
    }
    if (!endpoint.subscribe(key, narrowed)) {
      duplicateSubscription(ref, name);
      return;
    }
    send(subscribed(ref, name, endpoint.liveFrom()));
  }

  /**
   * In durable mode the answer carries a {@code from} that resumes the subscription where it
   * started, so a client that drops before its first event misses nothing either.
   */
  private static JsonObject subscribed(Object ref, String sub, String from) {
    JsonObject frame = new JsonObject().put("op", "subscribed").put("ref", ref).put("sub", sub);
    return from == null ? frame : frame.put("cursor", from);
  }

  private void duplicateSubscription(Object ref, String name) {
    error(
        ref,
        EventError.DUPLICATE_SUBSCRIPTION,
        "subscription '" + name + "' already exists on this connection");
  }

  /** v1.1: outputs from the output log first, from where the client asked, then live ones. */
  private void resume(Object ref, SubscriptionKey key, String pattern, Object from) {
    if (!endpoint.resumable()) {
      error(
          ref,
          EventError.UNSUPPORTED,
          "'from' needs durable mode: this mesh keeps no output log to resume from");
      return;
    }
    ResumeFrom start;
    try {
      start = ResumeFrom.parse(from);
    } catch (IllegalArgumentException e) {
      error(ref, EventError.INVALID_PARAMETER, e.getMessage());
      return;
    }
    if (endpoint.exists(key)) {
      duplicateSubscription(ref, key.sub());
      return;
    }
    endpoint
        .resume(key, pattern, start, this)
        .onComplete(
            located -> {
              if (located.succeeded()) {
                send(subscribed(ref, key.sub(), located.result()));
                endpoint.catchUp(key);
              } else if (located.cause() instanceof CatchUp.Refused refused) {
                JsonObject frame = errorFrame(ref, refused.error());
                if (refused.earliest() != null) {
                  frame.getJsonObject("error").put("earliest", refused.earliest());
                }
                send(frame);
              } else {
                error(
                    ref,
                    EventError.UNAVAILABLE,
                    "the output log cannot be read now: " + located.cause().getMessage());
              }
            });
  }

  private void unsubscribe(Object ref, JsonObject message) {
    Object sub = message.getValue("sub");
    if (!(sub instanceof String name) || !endpoint.unsubscribe(new SubscriptionKey(id, name))) {
      error(
          ref, EventError.UNKNOWN_SUBSCRIPTION, "no subscription '" + sub + "' on this connection");
      return;
    }
    send(new JsonObject().put("op", "unsubscribed").put("ref", ref).put("sub", name));
  }

  private void error(Object ref, String code, String message) {
    send(errorFrame(ref, new EventError(code, message)));
  }

  private static JsonObject errorFrame(Object ref, EventError error) {
    JsonObject frame = new JsonObject().put("op", "error");
    if (ref != null) {
      frame.put("ref", ref);
    }
    return frame.put("error", error.toJson());
  }

  /**
   * {@code {"op":"ack","ref":..,"results":[..]}}, written directly: an ack goes out for every
   * publish, and most of its results are {@code {"id":..,"status":..}}, which need no JSON encoder.
   */
  private static String ackFrame(Object ref, JsonArray results) {
    StringBuilder frame =
        new StringBuilder(48 + 80 * results.size()).append("{\"op\":\"ack\",\"ref\":");
    JsonText.append(frame, ref).append(",\"results\":[");
    for (int i = 0; i < results.size(); i++) {
      if (i > 0) {
        frame.append(',');
      }
      Object result = results.getValue(i);
      if (result instanceof JsonObject plain
          && plain.size() == 2
          && plain.getValue("status") instanceof String status) {
        JsonText.append(frame.append("{\"id\":"), plain.getValue("id")).append(",\"status\":");
        JsonText.quote(frame, status).append('}');
      } else {
        JsonText.append(frame, result);
      }
    }
    return frame.append("]}").toString();
  }

  /**
   * Replies are never dropped; a client that does not read them is not read either until it catches
   * up.
   */
  private void send(JsonObject frame) {
    sendText(frame.encode());
  }

  private void sendText(String frame) {
    if (socket.isClosed()) {
      return;
    }
    socket.writeTextMessage(frame);
    if (socket.writeQueueFull() && !pausedForReplies) {
      pausedForReplies = true;
      socket.pause();
    }
  }

  private void resumeIfUnblocked() {
    if (!pausedForAcks && !pausedForReplies && !pausedForBudget && !socket.isClosed()) {
      socket.resume();
    }
  }
}
