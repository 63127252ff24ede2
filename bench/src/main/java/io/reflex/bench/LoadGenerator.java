package io.reflex.bench;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Open-loop load over the gateway WebSocket protocol: frames leave on a fixed schedule whatever the
 * server does, and every latency is taken from the frame's <em>intended</em> send time, so a stall
 * shows in the histogram instead of slowing the client down (coordinated omission). The intended
 * time travels in the frame's {@code ref} and in each event id, and comes back in the ack and in
 * the derived event's {@code causationid}: one clock, this JVM's.
 *
 * <p>All state lives on one event loop (the generator's Vert.x has one), so nothing here is shared
 * between threads. Against a bare echo server the echoed publish frame counts as the ack.
 */
final class LoadGenerator {

  private static final long MAX_MICROS = TimeUnit.SECONDS.toMicros(60);

  private final Vertx vertx;
  private final Context context;
  private final Workload workload;
  private final int batch;
  private final List<WebSocket> sockets = new ArrayList<>();

  /**
   * Whether the connections subscribed to derived events: a baseline that only echoes is owed none.
   */
  private boolean subscribed;

  private final WebSocketClient client;
  private Run run;

  /**
   * @param vertx a Vert.x with a single event loop, owned by the caller
   */
  LoadGenerator(Vertx vertx, Workload workload, int batch) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.workload = workload;
    this.batch = batch;
    this.client =
        vertx.createWebSocketClient(
            new WebSocketClientOptions()
                .setMaxFrameSize(1 << 20)
                .setMaxMessageSize(1 << 22)
                .setMaxConnections(100_000));
  }

  /**
   * Opens the connections; with {@code subscribe}, each one subscribes to the derived events of its
   * own events (causationid prefix), so every output is pushed to exactly one connection.
   */
  Future<Void> connect(int port, int connections, boolean subscribe) {
    Promise<Void> done = Promise.promise();
    subscribed = subscribe;
    context.runOnContext(v -> connectNext(port, connections, subscribe, done));
    return done.future();
  }

  private void connectNext(int port, int remaining, boolean subscribe, Promise<Void> done) {
    if (remaining == 0) {
      done.complete();
      return;
    }
    int index = sockets.size();
    client
        .connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/ws"))
        .compose(
            socket -> {
              sockets.add(socket);
              Promise<Void> subscribed = Promise.promise();
              socket.textMessageHandler(text -> received(text, subscribed));
              if (!subscribe) {
                return Future.succeededFuture();
              }
              JsonObject pattern =
                  new JsonObject()
                      .put("type", new JsonArray().add(workload.outputType()))
                      .put(
                          "causationid",
                          new JsonArray().add(new JsonObject().put("prefix", "c" + index + "-")));
              socket.writeTextMessage(
                  new JsonObject()
                      .put("op", "subscribe")
                      .put("ref", "sub")
                      .put("sub", "derived")
                      .put("pattern", pattern)
                      .encode());
              return subscribed.future();
            })
        .onSuccess(v -> connectNext(port, remaining - 1, subscribe, done))
        .onFailure(done::fail);
  }

  /**
   * Sends {@code eventsPerSecond} for {@code durationMs}, then waits up to {@code drainMs} for the
   * missing acks and derived events.
   */
  Future<StepResult> run(double eventsPerSecond, long durationMs, long drainMs) {
    Promise<StepResult> done = Promise.promise();
    context.runOnContext(
        v -> {
          run = new Run(eventsPerSecond, durationMs, drainMs, done);
          run.start();
        });
    return done.future();
  }

  Future<Void> close() {
    return client.close();
  }

  private void received(String text, Promise<Void> subscribed) {
    JsonObject frame = new JsonObject(text);
    String op = frame.getString("op");
    if ("subscribed".equals(op)) {
      subscribed.tryComplete();
      return;
    }
    if ("error".equals(op) && "sub".equals(frame.getValue("ref"))) {
      subscribed.tryFail("subscription refused: " + frame.encode());
      return;
    }
    if (run != null) {
      run.received(op, frame);
    }
  }

  /** One step: its schedule, counters and histograms. */
  private final class Run {
    private final double framesPerSecond;
    private final long totalFrames;
    private final long drainMs;
    private final Promise<StepResult> done;
    private final Histogram ackMicros = new Histogram(MAX_MICROS, 3);
    private final Histogram outputMicros = new Histogram(MAX_MICROS, 3);
    private final List<Long> backlogSamples = new ArrayList<>();
    private long startNanos;
    private long sentFrames;
    private long sent;
    private long acked;
    private long errors;
    private long expectedOutputs;
    private long outputs;
    private long lastAckNanos;
    private long timer;
    private String time;
    private long timeSetAt;

    Run(double eventsPerSecond, long durationMs, long drainMs, Promise<StepResult> done) {
      this.framesPerSecond = eventsPerSecond / batch;
      this.totalFrames = Math.max(1, Math.round(framesPerSecond * durationMs / 1000.0));
      this.drainMs = drainMs;
      this.done = done;
    }

    void start() {
      startNanos = System.nanoTime();
      timer = vertx.setPeriodic(1, id -> tick());
    }

    private void tick() {
      long now = System.nanoTime();
      long due = Math.min(totalFrames, (long) ((now - startNanos) * framesPerSecond / 1e9) + 1);
      if (now - timeSetAt > 1_000_000) {
        time = Instant.now().toString();
        timeSetAt = now;
      }
      while (sentFrames < due) {
        send(sentFrames++);
      }
      long second = (now - startNanos) / 1_000_000_000L;
      if (second >= backlogSamples.size() && sentFrames < totalFrames) {
        backlogSamples.add(sent - acked);
      }
      if (sentFrames == totalFrames) {
        vertx.cancelTimer(timer);
        vertx.setTimer(Math.max(1, drainMs), id -> finish());
        checkFinished();
      }
    }

    private void send(long frameNumber) {
      long intended = startNanos + (long) (frameNumber * 1e9 / framesPerSecond);
      int connection = (int) (frameNumber % sockets.size());
      StringBuilder frame =
          new StringBuilder(batch * 240)
              .append("{\"op\":\"publish\",\"ref\":")
              .append(intended)
              .append(",\"events\":[");
      for (int k = 0; k < batch; k++) {
        long n = frameNumber * batch + k;
        if (k > 0) {
          frame.append(',');
        }
        frame.append(workload.event("c" + connection + "-" + intended + "-" + n, n, time));
        if (subscribed && workload.expectsOutput(n)) {
          expectedOutputs++;
        }
      }
      sent += batch;
      sockets.get(connection).writeTextMessage(frame.append("]}").toString());
    }

    void received(String op, JsonObject frame) {
      long now = System.nanoTime();
      switch (op) {
        case "ack", "publish" -> {
          long intended = frame.getLong("ref");
          if (intended < startNanos) {
            return; // a late answer to an earlier step
          }
          JsonArray results = frame.getJsonArray(op.equals("ack") ? "results" : "events");
          int count = results.size();
          if (op.equals("ack")) {
            for (int i = 0; i < count; i++) {
              if (!"accepted".equals(results.getJsonObject(i).getString("status"))) {
                errors++;
              }
            }
          }
          acked += count;
          lastAckNanos = now;
          ackMicros.recordValueWithCount(micros(now - intended), count);
        }
        case "event" -> {
          String cause = frame.getJsonObject("event").getString("causationid");
          int from = cause.indexOf('-') + 1;
          long intended = Long.parseLong(cause, from, cause.indexOf('-', from), 10);
          if (intended < startNanos) {
            return;
          }
          outputs++;
          outputMicros.recordValue(micros(now - intended));
        }
        case "error" -> errors++;
        default -> {
          // dropped-push notices and the like: the missing outputs already count against the run
        }
      }
      checkFinished();
    }

    private long micros(long nanos) {
      return Math.min(MAX_MICROS, Math.max(0, nanos / 1000));
    }

    private void checkFinished() {
      if (sentFrames == totalFrames && acked >= sent && outputs >= expectedOutputs) {
        finish();
      }
    }

    private void finish() {
      if (done.future().isComplete()) {
        return;
      }
      run = null;
      double seconds = Math.max(1, lastAckNanos - startNanos) / 1e9;
      done.complete(
          new StepResult(
              framesPerSecond * batch,
              acked / seconds,
              sent,
              acked,
              errors + (sent - acked),
              expectedOutputs,
              outputs,
              growing(backlogSamples),
              ackMicros,
              outputMicros));
    }
  }

  /**
   * A backlog that only reflects latency stays roughly flat; one that keeps growing means the
   * server takes events in slower than they arrive. Compares the last second with the largest
   * backlog of the first half of the run, ignoring small absolute values (a thousand events is well
   * under 10 ms at the rates measured).
   */
  static boolean growing(List<Long> samples) {
    if (samples.size() < 3) {
      return false;
    }
    long firstHalfMax =
        samples.subList(0, samples.size() / 2).stream().mapToLong(Long::longValue).max().orElse(0);
    return samples.get(samples.size() - 1) > 2 * firstHalfMax + 1000;
  }
}
