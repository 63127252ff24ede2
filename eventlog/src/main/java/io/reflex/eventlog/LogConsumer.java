package io.reflex.eventlog;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.consumer.KafkaReadStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.logging.Logger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Consumes topics in a consumer group, at least once, through vertx-kafka-client: each polled batch
 * is handed to a handler on a Vert.x context, one batch at a time in poll order, and the offsets of
 * a partition are committed only after the handler's future for the batch succeeded, so commits
 * follow offset order. A failed batch is handed over again (after a pause that doubles up to {@code
 * maxRetryDelay}) until it succeeds, so a batch is never skipped; handlers must therefore be
 * idempotent.
 *
 * <p>While one batch is handled the next one is polled, then every assigned partition is paused
 * (Kafka's partition pause: the stream keeps polling, so a slow or stalled handler never costs the
 * group membership, vertx-kafka-client#179). vertx-kafka-client reports a rebalance after it
 * happened, so a batch in flight for a partition that moved is not waited for: its new owner starts
 * from the last commit and handles those records again.
 */
public final class LogConsumer {

  private static final Logger LOG = Logger.getLogger(LogConsumer.class.getName());

  /**
   * How long a poll waits for records; also how late a commit or resume may start while every
   * partition is paused.
   */
  private static final Duration POLL = Duration.ofMillis(50);

  /**
   * Batches polled but not done beyond which the partitions are paused: the one handled and the
   * next.
   */
  private static final int MAX_BATCHES = 2;

  private final Map<String, Object> properties;
  private final Set<String> topics;
  private final Context context;
  private final Function<List<ConsumerRecord<String, byte[]>>, Future<?>> handler;
  private final long revokeWaitMs;
  private final long maxRetryDelayMs;
  private final Deque<List<ConsumerRecord<String, byte[]>>> waiting = new ArrayDeque<>();
  private final Set<TopicPartition> assignment = new HashSet<>();
  private KafkaReadStream<String, byte[]> stream;
  private boolean handling;
  private boolean paused;
  private boolean running = true;
  private Future<?> commits = Future.succeededFuture();
  private Promise<Void> drained;

  /**
   * @param handler gets each batch on {@code context}; the batch counts as done when its future
   *     succeeds
   * @param revokeWaitMs how long {@link #stop()} waits for the batch in flight before leaving the
   *     group
   */
  public LogConsumer(
      Map<String, Object> properties,
      Collection<String> topics,
      Context context,
      Function<List<ConsumerRecord<String, byte[]>>, Future<?>> handler,
      long revokeWaitMs,
      long maxRetryDelayMs) {
    this.properties = Map.copyOf(properties);
    this.topics = Set.copyOf(topics);
    this.context = context;
    this.handler = handler;
    this.revokeWaitMs = revokeWaitMs;
    this.maxRetryDelayMs = maxRetryDelayMs;
  }

  /** Joins the group; the future completes once subscribed (not once partitions are assigned). */
  public Future<Void> start() {
    Promise<Void> subscribed = Promise.promise();
    // The stream delivers records on the context it is created on.
    context.runOnContext(
        v -> {
          stream = KafkaReadStream.create(context.owner(), properties);
          stream.pollTimeout(POLL);
          stream.exceptionHandler(e -> LOG.warning("consumer of " + topics + ": " + e));
          stream.partitionsAssignedHandler(this::assigned);
          stream.partitionsRevokedHandler(this::revoked);
          stream.batchHandler(this::polled);
          stream.subscribe(topics).onComplete(subscribed);
        });
    return subscribed.future();
  }

  /** Whether the group gave this consumer at least one partition at its last rebalance. */
  public boolean assigned() {
    return !assignment.isEmpty();
  }

  /** Finishes the batch in flight (waiting at most revokeWaitMs), commits it, leaves the group. */
  public Future<Void> stop() {
    Promise<Void> stopped = Promise.promise();
    context.runOnContext(
        v -> {
          running = false;
          waiting.clear();
          if (stream == null) {
            stopped.complete();
            return;
          }
          drained = Promise.promise();
          if (!handling) {
            drained.complete();
          }
          Vertx vertx = context.owner();
          long timer = vertx.setTimer(Math.max(1, revokeWaitMs), t -> drained.tryComplete());
          drained
              .future()
              .compose(
                  done -> {
                    vertx.cancelTimer(timer);
                    return commits.transform(ignored -> Future.succeededFuture());
                  })
              .compose(done -> stream.close())
              .onComplete(
                  closed -> {
                    if (closed.failed()) {
                      LOG.warning("closing the consumer of " + topics + ": " + closed.cause());
                    }
                    stopped.complete();
                  });
        });
    return stopped.future();
  }

  private void polled(ConsumerRecords<String, byte[]> records) {
    if (!running) {
      return; // not committed: the next owner reads them again
    }
    List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>(records.count());
    records.forEach(batch::add);
    waiting.add(batch);
    if (handling) {
      flow();
    } else {
      next();
    }
  }

  private void next() {
    List<ConsumerRecord<String, byte[]>> batch = running ? waiting.poll() : null;
    handling = batch != null;
    flow();
    if (batch != null) {
      handle(batch, 100);
    } else if (drained != null) {
      drained.tryComplete();
    }
  }

  private void handle(List<ConsumerRecord<String, byte[]>> batch, long delay) {
    Future<?> done;
    try {
      done = handler.apply(batch);
    } catch (RuntimeException e) {
      done = Future.failedFuture(e);
    }
    done.onComplete(
        result -> {
          if (result.succeeded()) {
            commit(batch);
            next();
            return;
          }
          if (!running) {
            next(); // stopping: the next owner handles the batch again
            return;
          }
          LOG.warning(
              "a batch of "
                  + batch.size()
                  + " record(s) from "
                  + topics
                  + " failed, trying again in "
                  + delay
                  + " ms: "
                  + result.cause());
          context
              .owner()
              .setTimer(
                  delay,
                  t -> {
                    // A rebalance may have taken partitions away meanwhile: their new owner handles
                    // those records.
                    batch.removeIf(record -> !assignment.contains(partition(record)));
                    if (batch.isEmpty() || !running) {
                      next();
                    } else {
                      handle(batch, Math.min(delay * 2, maxRetryDelayMs));
                    }
                  });
        });
  }

  /**
   * Commits the batch's next offsets for the partitions still owned; the stream runs commits in the
   * order asked.
   */
  private void commit(List<ConsumerRecord<String, byte[]>> batch) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (ConsumerRecord<String, byte[]> record : batch) {
      offsets.merge(
          partition(record),
          new OffsetAndMetadata(record.offset() + 1),
          (a, b) -> a.offset() >= b.offset() ? a : b);
    }
    offsets.keySet().retainAll(assignment);
    if (offsets.isEmpty()) {
      return;
    }
    commits =
        stream
            .commit(offsets)
            .onFailure(
                e ->
                    // The group moved on (this member was too slow or left): the next owner handles
                    // these records again.
                    LOG.warning("commit of " + offsets.keySet() + " failed: " + e));
  }

  /**
   * Pauses the owned partitions while enough batches wait, resumes them when the handler caught up.
   */
  private void flow() {
    boolean full = waiting.size() + (handling ? 1 : 0) >= MAX_BATCHES;
    if (full == paused || assignment.isEmpty() || !running) {
      return;
    }
    paused = full;
    Set<TopicPartition> owned = Set.copyOf(assignment);
    (full ? stream.pause(owned) : stream.resume(owned))
        .onFailure(
            e -> {
              // A rebalance got there first; assigned() sets the pause again for the new
              // assignment.
              LOG.fine("pause/resume of " + owned + ": " + e);
            });
  }

  private void assigned(Set<TopicPartition> partitions) {
    assignment.addAll(partitions);
    LOG.info("consuming " + assignment);
    if (paused) {
      // Newly assigned partitions start unpaused.
      paused = false;
      flow();
    }
  }

  private void revoked(Set<TopicPartition> partitions) {
    assignment.removeAll(partitions);
    // Their new owner (maybe this consumer again) starts from the last commit: what waits here is
    // read again there.
    for (List<ConsumerRecord<String, byte[]>> batch : waiting) {
      batch.removeIf(record -> partitions.contains(partition(record)));
    }
    waiting.removeIf(List::isEmpty);
  }

  private static TopicPartition partition(ConsumerRecord<String, byte[]> record) {
    return new TopicPartition(record.topic(), record.partition());
  }
}
