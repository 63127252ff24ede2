package io.reflex.common.kafka;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Writes records to Kafka and tells the caller, on its own Vert.x context, which ones the broker confirmed.
 *
 * <p>{@code send()} can block (topic metadata, a full buffer), so it runs on one thread of the writer's own, never on
 * an event loop; one thread keeps the records of a partition in the order they were handed over. Writes waiting for
 * the broker are bounded: beyond {@code maxPending} a batch is refused at once, so a broker that is slow or away makes
 * clients hear "overloaded" or "unavailable" instead of filling the heap.
 */
public final class RecordWriter {

  private final Producer<String, byte[]> producer;
  private final ExecutorService sender;
  private final AtomicInteger pending = new AtomicInteger();
  private final int maxPending;
  private final long staleAfterNanos;

  public RecordWriter(KafkaSettings settings, String clientId) {
    this(new KafkaProducer<>(settings.producer(clientId)), settings.maxPendingEvents(), settings.deliveryTimeoutMs());
  }

  RecordWriter(Producer<String, byte[]> producer, int maxPending, long deliveryTimeoutMs) {
    this.producer = producer;
    this.maxPending = maxPending;
    this.staleAfterNanos = TimeUnit.MILLISECONDS.toNanos(deliveryTimeoutMs);
    this.sender = Executors.newSingleThreadExecutor(runnable -> {
      Thread thread = new Thread(runnable, "reflex-kafka-writer");
      thread.setDaemon(true);
      return thread;
    });
  }

  /** Records waiting for the broker's confirmation. */
  public int pending() {
    return pending.get();
  }

  /**
   * Writes the records; the future completes on {@code context} with, per record in order, null when the broker
   * confirmed it or why it did not. The future itself never fails.
   */
  public Future<List<Throwable>> write(Context context, List<ProducerRecord<String, byte[]>> records) {
    int count = records.size();
    if (count == 0) {
      return Future.succeededFuture(List.of());
    }
    if (pending.addAndGet(count) > maxPending) {
      pending.addAndGet(-count);
      return Future.succeededFuture(Arrays.asList(filled(count, new Overloaded(maxPending))));
    }
    Promise<List<Throwable>> promise = Promise.promise();
    Outcomes outcomes = new Outcomes(count, context, promise);
    long handedOver = System.nanoTime();
    try {
      sender.execute(() -> send(records, outcomes, handedOver));
    } catch (RuntimeException rejected) { // the writer is closed
      for (int i = 0; i < count; i++) {
        outcomes.done(i, rejected);
      }
    }
    return promise.future();
  }

  private void send(List<ProducerRecord<String, byte[]>> records, Outcomes outcomes, long handedOver) {
    // A batch that waited behind blocked sends longer than a write may take was already answered "unavailable"
    // upstream: writing it now would put an event in the log that its client was told is not there.
    boolean stale = System.nanoTime() - handedOver > staleAfterNanos;
    for (int i = 0; i < records.size(); i++) {
      int index = i;
      if (stale) {
        outcomes.done(index, new Stale());
        continue;
      }
      try {
        producer.send(records.get(i), (metadata, error) -> outcomes.done(index, error));
      } catch (RuntimeException error) {
        outcomes.done(index, error);
      }
    }
  }

  public void close() {
    sender.shutdown();
    try {
      sender.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    producer.close(Duration.ofSeconds(5));
  }

  private static Throwable[] filled(int count, Throwable error) {
    Throwable[] errors = new Throwable[count];
    Arrays.fill(errors, error);
    return errors;
  }

  /** Collects the broker's answers, which arrive on the producer's I/O thread, and reports them once, on the context. */
  private final class Outcomes {
    private final AtomicReferenceArray<Throwable> errors;
    private final AtomicInteger remaining;
    private final Context context;
    private final Promise<List<Throwable>> promise;

    Outcomes(int count, Context context, Promise<List<Throwable>> promise) {
      this.errors = new AtomicReferenceArray<>(count);
      this.remaining = new AtomicInteger(count);
      this.context = context;
      this.promise = promise;
    }

    void done(int index, Throwable error) {
      errors.set(index, error);
      pending.decrementAndGet();
      if (remaining.decrementAndGet() == 0) {
        Throwable[] result = new Throwable[errors.length()];
        for (int i = 0; i < result.length; i++) {
          result[i] = errors.get(i);
        }
        context.runOnContext(v -> promise.complete(Arrays.asList(result)));
      }
    }
  }

  /** Too many writes wait for the broker already. */
  public static final class Overloaded extends RuntimeException {
    Overloaded(int maxPending) {
      super(maxPending + " writes are waiting for the broker", null, false, false);
    }
  }

  /** The write waited for a blocked broker longer than the delivery timeout and was not attempted. */
  public static final class Stale extends RuntimeException {
    Stale() {
      super("the broker did not take the write within the delivery timeout", null, false, false);
    }
  }
}
