package io.reflex.eventlog;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.consumer.KafkaReadStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.logging.Logger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Consumes topics in a consumer group, at least once, through vertx-kafka-client. Each partition's
 * records are handed to a handler on a Vert.x context in offset order, one batch of a partition at
 * a time, while the batches of different partitions run side by side: a handler's latency (the
 * broker's confirmations it waits for) then no longer limits the whole consumer to one batch per
 * round trip. A partition's offsets are committed only after the handler's future for its batch
 * succeeded, so commits follow offset order; the commits of batches finished while one is on its
 * way are merged into the next, so the consumer thread is not held by a commit per batch. A failed
 * batch is handed over again (after a pause that doubles up to {@code maxRetryDelay}) until it
 * succeeds, and its partition's later records wait behind it, so a batch is never skipped and never
 * overtaken; handlers must therefore be idempotent.
 *
 * <p>Records polled while their partition is busy wait; past {@link #WAITING_POLLS} polls' worth
 * every assigned partition is paused (Kafka's partition pause: the stream keeps polling, so a slow
 * or stalled handler never costs the group membership, vertx-kafka-client#179). vertx-kafka-client
 * reports a rebalance after it happened, so a batch in flight for a partition that moved is not
 * waited for: its new owner starts from the last commit and handles those records again.
 */
public final class LogConsumer {

  private static final Logger LOG = Logger.getLogger(LogConsumer.class.getName());

  /**
   * How long a poll waits for records; also how late a commit or resume may start while every
   * partition is paused.
   */
  private static final Duration POLL = Duration.ofMillis(50);

  /**
   * Records waiting for their partition, in polls of {@code max.poll.records}, beyond which the
   * partitions are paused.
   */
  private static final int WAITING_POLLS = 4;

  /**
   * At most one commit starts per this many milliseconds while batches keep finishing: a commit
   * holds the consumer's thread for a broker round trip, and one per batch cost more than the
   * batches. A crash routes at most this much more again (idempotent); stopping commits at once.
   */
  private static final long COMMIT_INTERVAL_MS = 100;

  private final Map<String, Object> properties;
  private final Set<String> topics;
  private final Context context;
  private final Function<List<ConsumerRecord<String, byte[]>>, Future<?>> handler;
  private final long revokeWaitMs;
  private final long maxRetryDelayMs;
  private final int maxWaiting;
  private final Map<TopicPartition, List<ConsumerRecord<String, byte[]>>> waiting =
      new LinkedHashMap<>();
  private final Set<TopicPartition> handling = new HashSet<>();
  private final Set<TopicPartition> assignment = new HashSet<>();
  private final Map<TopicPartition, OffsetAndMetadata> uncommitted = new HashMap<>();
  private int waitingRecords;
  private KafkaReadStream<String, byte[]> stream;
  private boolean paused;
  private boolean running = true;
  private Future<Void> committing;
  private long lastCommitStarted;
  private boolean commitTimerSet;
  private Promise<Void> drained;

  /**
   * @param handler gets each batch (the waiting records of partitions with nothing in flight, each
   *     partition's in offset order) on {@code context}; the batch counts as done when its future
   *     succeeds
   * @param revokeWaitMs how long {@link #stop()} waits for the batches in flight before leaving the
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
    Object maxPoll = properties.getOrDefault(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
    this.maxWaiting = WAITING_POLLS * Integer.parseInt(String.valueOf(maxPoll));
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

  /**
   * Finishes the batches in flight (waiting at most revokeWaitMs), commits them, leaves the group.
   */
  public Future<Void> stop() {
    Promise<Void> stopped = Promise.promise();
    context.runOnContext(
        v -> {
          running = false;
          waiting.clear();
          waitingRecords = 0;
          if (stream == null) {
            stopped.complete();
            return;
          }
          drained = Promise.promise();
          if (handling.isEmpty()) {
            drained.complete();
          }
          Vertx vertx = context.owner();
          long timer = vertx.setTimer(Math.max(1, revokeWaitMs), t -> drained.tryComplete());
          drained
              .future()
              .compose(
                  done -> {
                    vertx.cancelTimer(timer);
                    return commitAll();
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
    for (TopicPartition partition : records.partitions()) {
      List<ConsumerRecord<String, byte[]>> polled = records.records(partition);
      waiting.computeIfAbsent(partition, p -> new ArrayList<>()).addAll(polled);
      waitingRecords += polled.size();
    }
    next();
  }

  /**
   * Hands the records waiting for partitions that are not busy over as one batch: one handler call
   * for all of them costs less than one per partition.
   */
  private void next() {
    if (running) {
      List<TopicPartition> partitions = new ArrayList<>();
      List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>();
      Iterator<Map.Entry<TopicPartition, List<ConsumerRecord<String, byte[]>>>> entries =
          waiting.entrySet().iterator();
      while (entries.hasNext()) {
        Map.Entry<TopicPartition, List<ConsumerRecord<String, byte[]>>> entry = entries.next();
        if (!handling.contains(entry.getKey())) {
          entries.remove();
          partitions.add(entry.getKey());
          batch.addAll(entry.getValue());
        }
      }
      if (!batch.isEmpty()) {
        waitingRecords -= batch.size();
        handling.addAll(partitions);
        handle(partitions, batch, 100);
      }
    }
    flow();
    if (drained != null && handling.isEmpty()) {
      drained.tryComplete();
    }
  }

  private void handle(
      List<TopicPartition> partitions, List<ConsumerRecord<String, byte[]>> batch, long delay) {
    Future<?> done;
    try {
      done = handler.apply(batch);
    } catch (RuntimeException e) {
      done = Future.failedFuture(e);
    }
    done.onComplete(
        result -> {
          if (result.succeeded()) {
            // The batch holds each partition's records together, in offset order.
            for (int i = 0; i < batch.size(); i++) {
              ConsumerRecord<String, byte[]> record = batch.get(i);
              ConsumerRecord<String, byte[]> following =
                  i + 1 < batch.size() ? batch.get(i + 1) : null;
              if (following == null
                  || following.partition() != record.partition()
                  || !following.topic().equals(record.topic())) {
                commit(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
              }
            }
            done(partitions);
            return;
          }
          if (!running) {
            done(partitions); // stopping: the next owner handles the batch again
            return;
          }
          LOG.warning(
              "a batch of "
                  + batch.size()
                  + " record(s) from "
                  + partitions
                  + " failed, trying again in "
                  + delay
                  + " ms: "
                  + result.cause());
          context
              .owner()
              .setTimer(
                  delay,
                  t -> {
                    // A rebalance may have taken partitions away meanwhile: their new owner
                    // handles those records.
                    List<TopicPartition> kept = new ArrayList<>(partitions);
                    kept.retainAll(assignment);
                    batch.removeIf(
                        record ->
                            !assignment.contains(
                                new TopicPartition(record.topic(), record.partition())));
                    if (!running || batch.isEmpty()) {
                      done(partitions);
                    } else {
                      handling.removeAll(partitions);
                      handling.addAll(kept);
                      handle(kept, batch, Math.min(delay * 2, maxRetryDelayMs));
                    }
                  });
        });
  }

  private void done(List<TopicPartition> partitions) {
    handling.removeAll(partitions);
    next();
  }

  /**
   * Marks the partition's offsets up to {@code next} as done; they go with the next commit, which
   * starts when the last one is done and at least {@link #COMMIT_INTERVAL_MS} after it started (the
   * stream runs commits in the order asked).
   */
  private void commit(TopicPartition partition, long next) {
    if (assignment.contains(partition)) {
      uncommitted.merge(
          partition, new OffsetAndMetadata(next), (a, b) -> a.offset() >= b.offset() ? a : b);
    }
    scheduleCommit();
  }

  private void scheduleCommit() {
    if (!running || committing != null || commitTimerSet || uncommitted.isEmpty()) {
      return;
    }
    long wait = lastCommitStarted + COMMIT_INTERVAL_MS - System.currentTimeMillis();
    if (wait <= 0) {
      commitAll();
      return;
    }
    commitTimerSet = true;
    context
        .owner()
        .setTimer(
            wait,
            t -> {
              commitTimerSet = false;
              scheduleCommit();
            });
  }

  /** Commits what is done and not yet committed; completes when nothing is left to commit. */
  private Future<Void> commitAll() {
    if (committing != null) {
      return committing.transform(ignored -> commitAll());
    }
    uncommitted.keySet().retainAll(assignment);
    if (uncommitted.isEmpty()) {
      return Future.succeededFuture();
    }
    Map<TopicPartition, OffsetAndMetadata> offsets = Map.copyOf(uncommitted);
    uncommitted.clear();
    lastCommitStarted = System.currentTimeMillis();
    Future<Void> commit =
        stream
            .commit(offsets)
            .<Void>mapEmpty()
            .recover(
                e -> {
                  // The group moved on (this member was too slow or left): the next owner handles
                  // these records again.
                  LOG.warning("commit of " + offsets.keySet() + " failed: " + e);
                  return Future.succeededFuture();
                });
    committing = commit;
    return commit.compose(
        v -> {
          committing = null;
          if (running) {
            scheduleCommit();
            return Future.succeededFuture();
          }
          return commitAll();
        });
  }

  /**
   * Pauses the owned partitions while too many records wait, resumes them when the handlers caught
   * up.
   */
  private void flow() {
    boolean full = waitingRecords >= maxWaiting;
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
    for (TopicPartition partition : partitions) {
      List<ConsumerRecord<String, byte[]>> dropped = waiting.remove(partition);
      if (dropped != null) {
        waitingRecords -= dropped.size();
      }
    }
  }
}
