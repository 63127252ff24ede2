package io.reflex.common.kafka;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Consumes topics in a consumer group, at least once: each polled batch is handed to a handler on a Vert.x context,
 * and the offsets of a partition are committed only after the handler's future for the batch succeeded. A failed
 * batch is handed over again (after a pause that doubles up to {@code maxRetryDelay}) until it succeeds, so a batch
 * is never skipped; handlers must therefore be idempotent.
 *
 * <p>The poll loop runs on a thread of its own and never stops polling: while a batch is being handled it pauses every
 * assigned partition (Kafka's partition pause, which keeps the member in its group), so a slow or stalled handler
 * never costs the group membership (vertx-kafka-client#179). When partitions are revoked in a rebalance, the batch in
 * flight is finished and committed first, so the next owner starts after it.
 */
public final class LogConsumer {

  private static final Logger LOG = Logger.getLogger(LogConsumer.class.getName());
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration PAUSED_POLL = Duration.ofMillis(50);
  private static final long STALL_REPORT_NANOS = TimeUnit.SECONDS.toNanos(30);

  private final Consumer<String, byte[]> consumer;
  private final Collection<String> topics;
  private final Context context;
  private final Function<List<ConsumerRecord<String, byte[]>>, Future<?>> handler;
  private final long revokeWaitMs;
  private final long maxRetryDelayMs;
  private final Thread thread;
  private final Promise<Void> stopped = Promise.promise();
  private volatile boolean running = true;
  private volatile boolean assigned;
  private CompletableFuture<Void> inFlight;
  private Map<TopicPartition, OffsetAndMetadata> inFlightOffsets = Map.of();

  /**
   * @param handler   gets each batch on {@code context}; the batch counts as done when its future succeeds
   * @param revokeWaitMs how long a rebalance waits for the batch in flight before giving its partitions up
   */
  public LogConsumer(Map<String, Object> properties, Collection<String> topics, Context context,
                     Function<List<ConsumerRecord<String, byte[]>>, Future<?>> handler, long revokeWaitMs,
                     long maxRetryDelayMs) {
    this.consumer = new KafkaConsumer<>(properties);
    this.topics = List.copyOf(topics);
    this.context = context;
    this.handler = handler;
    this.revokeWaitMs = revokeWaitMs;
    this.maxRetryDelayMs = maxRetryDelayMs;
    this.thread = new Thread(this::run, "reflex-kafka-consumer-" + properties.get("group.id"));
    this.thread.setDaemon(true);
  }

  public void start() {
    thread.start();
  }

  /** Whether the group gave this consumer at least one partition at its last rebalance. */
  public boolean assigned() {
    return assigned;
  }

  /** Finishes the batch in flight, commits it, leaves the group; completes on the context when done. */
  public Future<Void> stop() {
    running = false;
    consumer.wakeup();
    return stopped.future();
  }

  private void run() {
    try {
      consumer.subscribe(topics, new Rebalance());
      while (running) {
        ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
        if (!records.isEmpty()) {
          handleUntilDone(records);
        }
      }
    } catch (WakeupException stopping) {
      // stop() was called
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "consumer of " + topics + " stopped: " + e, e);
    } finally {
      finishInFlight();
      try {
        consumer.close(Duration.ofSeconds(5));
      } catch (RuntimeException e) {
        LOG.warning("closing the consumer of " + topics + ": " + e);
      }
      context.runOnContext(v -> stopped.complete());
    }
  }

  private void handleUntilDone(ConsumerRecords<String, byte[]> records) {
    List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>(records.count());
    records.forEach(batch::add);
    long delay = 100;
    while (running && !batch.isEmpty()) {
      inFlightOffsets = nextOffsets(batch);
      CompletableFuture<Void> done = dispatch(batch);
      inFlight = done;
      awaitPolling(done);
      inFlight = null;
      if (done.isDone() && !done.isCompletedExceptionally()) {
        commit(inFlightOffsets);
        break;
      }
      if (!done.isDone()) {
        break; // stopping, and the handler did not finish in time: the next owner handles the batch again
      }
      LOG.warning("a batch of " + batch.size() + " record(s) from " + topics + " failed, trying again in " + delay
          + " ms: " + failure(done));
      sleepPolling(delay);
      delay = Math.min(delay * 2, maxRetryDelayMs);
      // A rebalance may have taken some partitions away meanwhile: their new owner handles those records.
      Set<TopicPartition> owned = consumer.assignment();
      batch.removeIf(record -> !owned.contains(new TopicPartition(record.topic(), record.partition())));
    }
    inFlightOffsets = Map.of();
    consumer.resume(consumer.paused());
  }

  private CompletableFuture<Void> dispatch(List<ConsumerRecord<String, byte[]>> batch) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    context.runOnContext(v -> {
      try {
        handler.apply(batch).onComplete(result -> {
          if (result.succeeded()) {
            done.complete(null);
          } else {
            done.completeExceptionally(result.cause());
          }
        });
      } catch (RuntimeException e) {
        done.completeExceptionally(e);
      }
    });
    return done;
  }

  /**
   * Waits for the handler while polling with every partition paused, so the group keeps this member and a rebalance
   * is answered. The wait is on the handler's future, so a batch that is done is committed at once; the polls in
   * between return at once (nothing is fetched for paused partitions).
   */
  private void awaitPolling(CompletableFuture<Void> done) {
    consumer.pause(consumer.assignment());
    long started = System.nanoTime();
    boolean reported = false;
    while (!waitQuietly(done, PAUSED_POLL.toMillis()) && !done.isDone()) {
      if (!running) {
        waitQuietly(done, revokeWaitMs);
        return;
      }
      giveBackUnexpected(consumer.poll(Duration.ZERO));
      if (!reported && System.nanoTime() - started > STALL_REPORT_NANOS) {
        reported = true;
        LOG.warning("a batch from " + topics + " has been handled for over "
            + TimeUnit.NANOSECONDS.toSeconds(STALL_REPORT_NANOS) + " s; its partitions stay paused until it is done");
      }
    }
  }

  private void sleepPolling(long millis) {
    long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    consumer.pause(consumer.assignment());
    while (running && System.nanoTime() < until) {
      giveBackUnexpected(consumer.poll(PAUSED_POLL));
    }
  }

  /** Records of partitions assigned while paused (a rebalance) are read again later, never dropped. */
  private void giveBackUnexpected(ConsumerRecords<String, byte[]> records) {
    for (TopicPartition partition : records.partitions()) {
      consumer.seek(partition, records.records(partition).get(0).offset());
    }
    consumer.pause(consumer.assignment());
  }

  private void commit(Map<TopicPartition, OffsetAndMetadata> offsets) {
    Map<TopicPartition, OffsetAndMetadata> owned = new HashMap<>(offsets);
    owned.keySet().retainAll(consumer.assignment());
    if (owned.isEmpty()) {
      return;
    }
    try {
      consumer.commitSync(owned);
    } catch (RuntimeException e) {
      // The group moved on (this member was too slow or left): the next owner handles these records again.
      LOG.warning("commit of " + owned + " failed: " + e);
    }
  }

  private void finishInFlight() {
    CompletableFuture<Void> done = inFlight;
    if (done != null && waitQuietly(done, revokeWaitMs)) {
      commit(inFlightOffsets);
    }
  }

  private static boolean waitQuietly(CompletableFuture<Void> done, long millis) {
    try {
      done.get(millis, TimeUnit.MILLISECONDS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (Exception failedOrLate) {
      return false;
    }
  }

  private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(List<ConsumerRecord<String, byte[]>> batch) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (ConsumerRecord<String, byte[]> record : batch) {
      offsets.merge(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1),
          (a, b) -> a.offset() >= b.offset() ? a : b);
    }
    return offsets;
  }

  private static String failure(CompletableFuture<Void> done) {
    try {
      done.join();
      return "";
    } catch (RuntimeException e) {
      return String.valueOf(e.getCause() != null ? e.getCause() : e);
    }
  }

  /** Runs inside poll(), on the consumer's thread. */
  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      CompletableFuture<Void> done = inFlight;
      if (done != null && waitQuietly(done, revokeWaitMs)) {
        Map<TopicPartition, OffsetAndMetadata> revoked = new HashMap<>(inFlightOffsets);
        revoked.keySet().retainAll(new HashSet<>(partitions));
        if (!revoked.isEmpty()) {
          try {
            consumer.commitSync(revoked);
          } catch (RuntimeException e) {
            LOG.warning("commit before giving up " + revoked.keySet() + " failed: " + e);
          }
        }
      }
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      assigned = !consumer.assignment().isEmpty();
      if (inFlight != null) {
        consumer.pause(partitions);
      }
      LOG.info("consuming " + consumer.assignment());
    }
  }
}
