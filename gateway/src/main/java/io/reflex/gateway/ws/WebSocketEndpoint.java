package io.reflex.gateway.ws;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.reflex.common.event.CloudEvent;
import io.reflex.common.event.DuplicateFilter;
import io.reflex.common.event.EventError;
import io.reflex.common.json.BoundedJson;
import io.reflex.common.pattern.PatternMatcher;
import io.reflex.eventlog.outputlog.OutputTopic;
import io.reflex.gateway.Publisher;
import io.reflex.gateway.auth.Principal;
import io.reflex.gateway.limits.ClientBuckets;
import io.reflex.gateway.limits.RateLimits;
import io.reflex.gateway.resume.CatchUp;
import io.reflex.gateway.resume.Cursor;
import io.reflex.gateway.resume.LiveTail;
import io.reflex.gateway.resume.OutputLogAccess;
import io.reflex.gateway.resume.ResumeFrom;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The {@code /ws} endpoint of one gateway verticle: its connections and their subscriptions.
 * Everything here runs on the verticle's event loop, so no locking.
 *
 * <p>Durable mode (wire contract v1.1): outputs come from the output log's live tail with their
 * cursors. A subscription resumed with {@code from}, or one whose client fell behind, reads the log
 * on its own ({@link CatchUp}) and joins the live pushes when it reaches them; until it passes the
 * offset the catch-up stopped at, live pushes skip it.
 */
public final class WebSocketEndpoint {

  private static final Logger LOG = Logger.getLogger(WebSocketEndpoint.class.getName());

  private final Vertx vertx;
  private final Publisher publisher;
  private final WebSocketLimits limits;
  private final PublishBudget budget;
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
  private final Counter unreadOutputs;
  private final DuplicateFilter outputsSeen;
  private final OutputLogAccess log;
  private final LiveTail tail;
  private final Map<SubscriptionKey, CatchUp> catchingUp = new HashMap<>();
  private final Map<SubscriptionKey, Long> liveAfter = new HashMap<>();
  private long nextId;

  /**
   * @param outputsSeen output identities pushed recently: output ids are derived from their cause,
   *     so an output that arrives again (a retry after a crash in durable mode, or two replicas
   *     emitting the same recommendation) is recognised and pushed once
   * @param log durable mode's output log, null in fast mode
   */
  public WebSocketEndpoint(
      Vertx vertx,
      Publisher publisher,
      WebSocketLimits limits,
      RateLimits rates,
      ClientBuckets clientBuckets,
      DuplicateFilter outputsSeen,
      MeterRegistry meters,
      OutputLogAccess log) {
    this.vertx = vertx;
    this.log = log;
    this.tail =
        log == null
            ? null
            : log.tail(
                new LiveTail.Sink() {
                  @Override
                  public void seen(CloudEvent output) {
                    outputsSeen.isDuplicate(output, System.currentTimeMillis());
                  }

                  @Override
                  public void deliver(CloudEvent output, Cursor cursor) {
                    WebSocketEndpoint.this.deliver(output, cursor);
                  }

                  @Override
                  public boolean wants(String type) {
                    return subscriptions.mayMatchType(type);
                  }

                  @Override
                  public void passed(String identity) {
                    if (outputsSeen.isDuplicate(identity, System.currentTimeMillis())) {
                      repeatedOutputs.increment();
                    } else {
                      outputs.increment();
                      unreadOutputs.increment();
                    }
                  }
                });
    this.outputsSeen = outputsSeen;
    this.repeatedOutputs =
        Counter.builder("reflex_gateway_outputs_repeated")
            .description("output events received again and not pushed a second time")
            .register(meters);
    this.unreadOutputs =
        Counter.builder("reflex_gateway_outputs_unread")
            .description("output log records of types no subscription names, passed over unread")
            .register(meters);
    this.publisher = publisher;
    this.limits = limits;
    this.budget = new PublishBudget(limits.maxEventsInFlight());
    this.outputs = Counter.builder("reflex_gateway_outputs").register(meters);
    this.rates = rates;
    this.clientBuckets = clientBuckets;
    this.pushes = Counter.builder("reflex_gateway_pushes").register(meters);
    this.droppedPushes = Counter.builder("reflex_gateway_pushes_dropped").register(meters);
    Gauge.builder("reflex_gateway_connections", connections, Map::size).register(meters);
    Gauge.builder("reflex_gateway_subscriptions", subscriptions, Subscriptions::size)
        .register(meters);
    Gauge.builder("reflex_gateway_subscriptions_catching_up", catchingUp, Map::size)
        .register(meters);
  }

  /**
   * Durable mode: starts pushing from the output log once its topic is there; while the broker is
   * away it waits.
   */
  public void startTail() {
    log.ensureTopic()
        .onSuccess(v -> tail.start())
        .onFailure(
            e -> {
              LOG.warning(
                  "the output log's topic cannot be checked yet ("
                      + e.getMessage()
                      + "); trying again");
              vertx.setTimer(1000, t -> startTail());
            });
  }

  public Future<Void> close() {
    if (log != null) {
      tail.stop();
      catchingUp.values().forEach(CatchUp::cancel);
    }
    return Future.succeededFuture();
  }

  /**
   * Durable mode: a {@code from} that resumes a subscription made now without missing anything
   * (null in fast mode, or before the live tail found the end of the log).
   */
  String liveFrom() {
    long position = tail == null ? -1 : tail.position();
    if (position < 0) {
      return null;
    }
    return position == 0 ? "earliest" : new Cursor(OutputTopic.PARTITION, position - 1).encode();
  }

  /** Whether subscriptions may resume ({@code from}): only in durable mode. */
  boolean resumable() {
    return log != null;
  }

  /**
   * Pings every client periodically: a live client's pong is read traffic, so only a dead or silent
   * peer trips the server's read-idle timeout.
   */
  public long startPinging() {
    return vertx.setPeriodic(
        rates.pingIntervalSeconds() * 1000L,
        t -> {
          for (ClientConnection connection : connections.values()) {
            if (!connection.socket().isClosed()) {
              connection.socket().writePing(Buffer.buffer());
            }
          }
          clientBuckets.forgetIdle(System.nanoTime());
        });
  }

  /**
   * @param client who the rate limit of the credential applies to (its subject, or its address when
   *     anonymous)
   */
  void accept(ServerWebSocket socket, Principal principal, String client, Runnable onClose) {
    ClientConnection connection =
        new ClientConnection(
            nextId++,
            socket,
            this,
            publisher,
            json,
            limits,
            budget,
            principal,
            client,
            rates.connectionBucket(System.nanoTime()));
    connections.put(connection.id(), connection);
    closeActions.put(connection.id(), onClose);
    if (principal.expiresAtMs() > 0) {
      long delay = Math.max(1, principal.expiresAtMs() - System.currentTimeMillis());
      expiryTimers.put(
          connection.id(), vertx.setTimer(delay, t -> connection.closeForPolicy("token expired")));
    }
  }

  /**
   * Fast mode: whether an output of this type could match a subscription on this gateway; an
   * unknown type ({@code null}) could.
   */
  public boolean wants(String type) {
    return type == null || subscriptions.mayMatchType(type);
  }

  /**
   * Fast mode: outputs that no subscription here wants, counted and dropped unread. They are not
   * remembered against a repeat (a third of the gateway's work on such outputs): remembering would
   * keep nobody from a second push.
   */
  public void passOver(int count) {
    outputs.increment(count);
    unreadOutputs.increment(count);
  }

  /**
   * Fast mode: pushes an output event, unless it was pushed recently, to every subscription it
   * matches.
   */
  public void deliver(CloudEvent event) {
    if (!wants(event.type())) {
      passOver(1);
      return;
    }
    deliver(event, null);
  }

  /**
   * The same with the output's place in the output log (durable mode). A client too slow to take it
   * falls back to reading the log from this output on, instead of missing it.
   */
  private void deliver(CloudEvent event, Cursor cursor) {
    if (outputsSeen.isDuplicate(event, System.currentTimeMillis())) {
      repeatedOutputs.increment();
      return;
    }
    outputs.increment();
    for (SubscriptionKey key : subscriptions.match(event)) {
      ClientConnection connection = connections.get(key.connection());
      if (connection == null || cursor != null && !pastCatchUp(key, cursor.offset())) {
        continue;
      }
      if (cursor != null
          && !connection.writable()
          && catchingUp.size() < log.settings().maxCatchUps()) {
        String pattern = subscriptions.pattern(key);
        subscriptions.remove(key);
        CatchUp catchUp = newCatchUp(key, pattern, connection);
        catchUp
            .locate(new ResumeFrom.After(new Cursor(cursor.partition(), cursor.offset() - 1)))
            .onSuccess(v -> catchUp.run())
            .onFailure(e -> dropCatchUp(key, catchUp));
      } else if (connection.push(key.sub(), event, cursor)) {
        pushes.increment();
      }
    }
  }

  /** Live pushes skip what a subscription's catch-up sent already. */
  private boolean pastCatchUp(SubscriptionKey key, long offset) {
    Long after = liveAfter.get(key);
    if (after == null) {
      return true;
    }
    if (offset <= after) {
      return false;
    }
    liveAfter.remove(key);
    return true;
  }

  /**
   * Starts a resumed subscription: the future fails with {@link CatchUp.Refused} when the log
   * cannot serve {@code from}; once it succeeded (with the {@code from} that resumes it where it
   * starts) the caller confirms the subscription and calls {@link #catchUp(SubscriptionKey)}.
   */
  Future<String> resume(
      SubscriptionKey key, String pattern, ResumeFrom from, ClientConnection connection) {
    if (catchingUp.size() >= log.settings().maxCatchUps()) {
      return Future.failedFuture(
          new CatchUp.Refused(
              EventError.OVERLOADED,
              "this gateway has "
                  + catchingUp.size()
                  + " subscriptions catching up already; subscribe again later",
              null));
    }
    CatchUp catchUp = newCatchUp(key, pattern, connection);
    return catchUp.locate(from).onFailure(e -> dropCatchUp(key, catchUp));
  }

  void catchUp(SubscriptionKey key) {
    CatchUp catchUp = catchingUp.get(key);
    if (catchUp != null) {
      catchUp.run();
    }
  }

  private CatchUp newCatchUp(SubscriptionKey key, String pattern, ClientConnection connection) {
    PatternMatcher<Boolean> matcher = new PatternMatcher<>();
    matcher.add(Boolean.TRUE, pattern);
    CatchUp[] self = new CatchUp[1];
    self[0] =
        log.catchUp(
            output -> !matcher.match(output).isEmpty(),
            connection.subscriber(key.sub()),
            tail::position,
            last -> {
              if (catchingUp.remove(key, self[0])) {
                liveAfter.put(key, last);
                subscriptions.add(key, pattern);
              }
            });
    catchingUp.put(key, self[0]);
    return self[0];
  }

  private void dropCatchUp(SubscriptionKey key, CatchUp catchUp) {
    catchingUp.remove(key, catchUp);
    catchUp.cancel();
  }

  boolean subscribe(SubscriptionKey key, String pattern) {
    if (exists(key)) {
      return false;
    }
    subscriptions.add(key, pattern);
    return true;
  }

  boolean exists(SubscriptionKey key) {
    return subscriptions.contains(key) || catchingUp.containsKey(key);
  }

  boolean unsubscribe(SubscriptionKey key) {
    liveAfter.remove(key);
    CatchUp catchUp = catchingUp.remove(key);
    if (catchUp != null) {
      catchUp.cancel();
      return true;
    }
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
    liveAfter.keySet().removeIf(key -> key.connection() == connection.id());
    catchingUp
        .entrySet()
        .removeIf(
            entry -> {
              if (entry.getKey().connection() != connection.id()) {
                return false;
              }
              entry.getValue().cancel();
              return true;
            });
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
