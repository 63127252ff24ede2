package io.reflex.standalone;

import io.reflex.client.ClientOptions;
import io.reflex.client.ReflexClient;
import io.reflex.common.testing.Events;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/**
 * A new user's view of durable mode under faults, as issue 18 measured it: an at-least-once
 * publisher (the Java client, which resends what was not acknowledged, plus a resend of anything
 * rejected) streams metric points at a steady rate, and a subscriber (the Java client, which renews
 * its subscription from its last cursor after a drop) counts the score each point gets. Lost: an
 * acknowledged point whose score never arrives; twice: a score that arrives twice.
 */
final class AtLeastOnceLoad implements AutoCloseable {

  private static final Instant START = Instant.parse("2026-06-01T00:00:00Z");
  private static final int SERIES = 40;
  private static final long RESEND_DELAY_MS = 200;

  private final Vertx vertx;
  private final String prefix;
  private final ReflexClient publisher;
  private final ReflexClient subscriber;
  private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
  private final Map<String, Integer> scores = new ConcurrentHashMap<>();
  private final AtomicInteger pending = new AtomicInteger();
  private final AtomicLong rejected = new AtomicLong();
  private final AtomicBoolean publishing = new AtomicBoolean(true);
  private Thread producer;
  private volatile long sent;

  private AtLeastOnceLoad(
      Vertx vertx, String prefix, ReflexClient publisher, ReflexClient subscriber) {
    this.vertx = vertx;
    this.prefix = prefix;
    this.publisher = publisher;
    this.subscriber = subscriber;
  }

  /**
   * Connects both clients (the subscriber on {@code subscriberPort}, e.g. a proxy) and subscribes.
   */
  static AtLeastOnceLoad connect(Vertx vertx, int gatewayPort, int subscriberPort) {
    String prefix = "rack-" + System.nanoTime() + "-";
    ReflexClient publisher = ReflexClient.connect(vertx, options(gatewayPort)).await();
    ReflexClient subscriber = ReflexClient.connect(vertx, options(subscriberPort)).await();
    AtLeastOnceLoad load = new AtLeastOnceLoad(vertx, prefix, publisher, subscriber);
    subscriber
        .subscribe(
            new JsonObject()
                .put("type", new JsonArray().add("reflex.anomaly.scored"))
                .put("subject", new JsonArray().add(new JsonObject().put("prefix", prefix))),
            event -> load.scores.merge(event.getString("causationid"), 1, Integer::sum))
        .await();
    return load;
  }

  /**
   * Reconnection backs off to at most a second: a restarted mesh is found soon after it listens.
   */
  private static ClientOptions options(int port) {
    return new ClientOptions("127.0.0.1", port, null, 200, 10_000, 1000);
  }

  /**
   * Publishes {@code perSecond} points a second, in 10 ms ticks, from a thread of its own until
   * {@link #finish}.
   */
  void start(int perSecond) {
    producer =
        new Thread(
            () -> {
              long tick = TimeUnit.MILLISECONDS.toNanos(10);
              long next = System.nanoTime();
              double owed = 0;
              while (publishing.get()) {
                owed += perSecond / 100.0;
                for (; owed >= 1; owed--) {
                  publisher
                      .capacity()
                      .await(); // the client's queue is bounded: a mesh that is away slows the
                  // producer
                  publish(point(sent++));
                }
                next += tick;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                  try {
                    TimeUnit.NANOSECONDS.sleep(wait);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              }
            },
            "at-least-once-producer");
    producer.start();
  }

  private JsonObject point(long n) {
    String series = prefix + (n % SERIES) + "/temperature";
    double value = 30 + 5 * Math.sin(n / 97.0) + (n % 53 == 0 ? 20 : 0);
    return Events.metric("p-" + n, series, value, START.plusSeconds(60 * (n / SERIES)));
  }

  private void publish(JsonObject event) {
    pending.incrementAndGet();
    publisher
        .publish(event)
        .onComplete(
            verdict -> {
              if (verdict.succeeded() && verdict.result().delivered()) {
                acknowledged.add(event.getString("id"));
              } else if (verdict.succeeded()) {
                rejected.incrementAndGet();
                vertx.setTimer(RESEND_DELAY_MS, t -> publish(event));
              }
              pending.decrementAndGet();
            });
  }

  /**
   * Waits until {@code count} scores have arrived: the mesh is in its stride, so a fault strikes
   * work in flight.
   */
  void awaitScores(int count, Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (scores.size() < count && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
  }

  /**
   * Stops publishing, waits for every verdict and then for every acknowledged point's score, as
   * long as they keep coming (a wait that saw no progress for {@code stall} ends), and counts.
   */
  Result finish(Duration stall) throws InterruptedException {
    publishing.set(false);
    producer.join();
    waitWhileProgressing(() -> pending.get() == 0, pending::get, stall);
    return count(stall);
  }

  /**
   * Counts so far while the stream goes on: waits for the scores of the points acknowledged by now,
   * as long as they keep coming, then counts over every point acknowledged up to then.
   */
  Result count(Duration stall) throws InterruptedException {
    Set<String> settled = Set.copyOf(acknowledged);
    waitWhileProgressing(
        () -> scores.keySet().containsAll(settled),
        () -> (int) settled.stream().filter(scores::containsKey).count(),
        stall);
    Thread.sleep(2000); // a score arriving twice would arrive now
    List<String> lost =
        settled.stream().filter(id -> !scores.containsKey(id)).sorted().limit(10).toList();
    long lostCount = settled.stream().filter(id -> !scores.containsKey(id)).count();
    long twice = scores.values().stream().filter(count -> count > 1).count();
    return new Result(sent, settled.size(), rejected.get(), pending.get(), lostCount, twice, lost);
  }

  private static void waitWhileProgressing(
      BooleanSupplier done, IntSupplier progress, Duration stall) throws InterruptedException {
    int last = progress.getAsInt();
    long lastChange = System.nanoTime();
    while (!done.getAsBoolean() && System.nanoTime() - lastChange < stall.toNanos()) {
      Thread.sleep(200);
      int now = progress.getAsInt();
      if (now != last) {
        last = now;
        lastChange = System.nanoTime();
      }
    }
  }

  @Override
  public void close() {
    publishing.set(false);
    publisher.close().await();
    subscriber.close().await();
  }

  /** What the run counted; {@code firstLost} names a few lost points for a failure message. */
  record Result(
      long sent,
      int acknowledged,
      long rejected,
      int unanswered,
      long lost,
      long twice,
      List<String> firstLost) {}
}
