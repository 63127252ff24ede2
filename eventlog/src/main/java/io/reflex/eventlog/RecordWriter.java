package io.reflex.eventlog;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.producer.KafkaWriteStream;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes records to Kafka and tells the caller, on its own Vert.x context, which ones the broker
 * confirmed.
 *
 * <p>A write hands all its records to the producer in one ordered worker task of the caller's
 * context (a send can block on topic metadata), so the records of a partition keep the order they
 * were handed over and no event loop ever blocks; the broker's confirmations are counted on the
 * producer's thread and answered with one task on the context. (vertx-kafka-client's write stream
 * costs a worker task and two event-loop tasks per record, which showed in durable mode's profile.)
 * Writes waiting for the broker are bounded: beyond {@code maxPending} a batch is refused at once,
 * so a broker that is slow or away makes clients hear "overloaded" or "unavailable" instead of
 * filling the heap.
 */
public final class RecordWriter {

  private final KafkaWriteStream<String, byte[]> stream;
  private final Producer<String, byte[]> producer;
  private final AtomicInteger pending = new AtomicInteger();
  private final int maxPending;

  public RecordWriter(Vertx vertx, KafkaSettings settings, String clientId) {
    this.stream = KafkaWriteStream.create(vertx, settings.producer(clientId));
    // The stream owns the producer's life (created here, closed on a worker); writes go to the
    // producer itself, a whole write at a time.
    this.producer = stream.unwrap();
    this.maxPending = settings.maxPendingEvents();
  }

  /** Records waiting for the broker's confirmation. */
  public int pending() {
    return pending.get();
  }

  /**
   * Writes the records; the future completes on {@code context} with, per record in order, null
   * when the broker confirmed it or why it did not. The future itself never fails.
   */
  public Future<List<Throwable>> write(
      Context context, List<ProducerRecord<String, byte[]>> records) {
    int count = records.size();
    if (count == 0) {
      return Future.succeededFuture(List.of());
    }
    if (pending.addAndGet(count) > maxPending) {
      pending.addAndGet(-count);
      Throwable[] refused = new Throwable[count];
      Arrays.fill(refused, new Overloaded(maxPending));
      return Future.succeededFuture(Arrays.asList(refused));
    }
    Promise<List<Throwable>> answered = Promise.promise();
    Confirmations confirmations = new Confirmations(context, count, answered);
    context
        .executeBlocking(() -> send(records, confirmations), true)
        .onFailure(
            e -> {
              pending.addAndGet(-count);
              answered.tryComplete(confirmations.failAll(e));
            });
    return answered.future();
  }

  /** On a worker: a send that throws fails its record and every later one of the write. */
  private Void send(List<ProducerRecord<String, byte[]>> records, Confirmations confirmations) {
    for (int i = 0; i < records.size(); i++) {
      int index = i;
      try {
        producer.send(records.get(i), (metadata, failure) -> confirmations.confirm(index, failure));
      } catch (RuntimeException e) {
        for (int rest = i; rest < records.size(); rest++) {
          confirmations.confirm(rest, e);
        }
        break;
      }
    }
    return null;
  }

  public Future<Void> close() {
    return stream.close(5000);
  }

  /** The answers of one write, collected on the producer's thread and handed over once. */
  private final class Confirmations {
    private final Context context;
    private final Throwable[] failures;
    private final AtomicInteger left;
    private final Promise<List<Throwable>> answered;

    Confirmations(Context context, int count, Promise<List<Throwable>> answered) {
      this.context = context;
      this.failures = new Throwable[count];
      this.left = new AtomicInteger(count);
      this.answered = answered;
    }

    void confirm(int index, Throwable failure) {
      failures[index] = failure;
      pending.decrementAndGet();
      // The counter's decrement publishes every earlier write to failures to the last confirmer.
      if (left.decrementAndGet() == 0) {
        context.runOnContext(v -> answered.tryComplete(Arrays.asList(failures)));
      }
    }

    /** The worker task was refused (the pool is closed): nothing was sent. */
    List<Throwable> failAll(Throwable cause) {
      Throwable[] all = new Throwable[failures.length];
      Arrays.fill(all, cause);
      return Arrays.asList(all);
    }
  }

  /** Too many writes wait for the broker already. */
  public static final class Overloaded extends RuntimeException {
    Overloaded(int maxPending) {
      super(maxPending + " writes are waiting for the broker", null, false, false);
    }
  }
}
