package io.reflex.eventlog;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.producer.KafkaWriteStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes records to Kafka through vertx-kafka-client and tells the caller, on its own Vert.x
 * context, which ones the broker confirmed.
 *
 * <p>The stream hands each {@code send()} to one worker of its own in order (a send can block on
 * topic metadata), so the records of a partition keep the order they were handed over and no event
 * loop ever blocks. Writes waiting for the broker are bounded: beyond {@code maxPending} a batch is
 * refused at once, so a broker that is slow or away makes clients hear "overloaded" or
 * "unavailable" instead of filling the heap.
 */
public final class RecordWriter {

  private final KafkaWriteStream<String, byte[]> stream;
  private final AtomicInteger pending = new AtomicInteger();
  private final int maxPending;

  public RecordWriter(Vertx vertx, KafkaSettings settings, String clientId) {
    this(KafkaWriteStream.create(vertx, settings.producer(clientId)), settings.maxPendingEvents());
  }

  RecordWriter(KafkaWriteStream<String, byte[]> stream, int maxPending) {
    this.stream = stream;
    this.maxPending = maxPending;
    // Every failure is answered through its send's future; without a handler the stream also logs
    // each one.
    stream.exceptionHandler(ignored -> {});
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
    if (Vertx.currentContext() == context) {
      return send(records);
    }
    // The stream answers on the context that sent.
    Promise<List<Throwable>> answered = Promise.promise();
    context.runOnContext(v -> send(records).onComplete(answered));
    return answered.future();
  }

  private Future<List<Throwable>> send(List<ProducerRecord<String, byte[]>> records) {
    List<Future<?>> sends = new ArrayList<>(records.size());
    for (ProducerRecord<String, byte[]> record : records) {
      sends.add(stream.send(record).andThen(done -> pending.decrementAndGet()));
    }
    return Future.join(sends)
        .transform(
            done -> {
              List<Throwable> failures = new ArrayList<>(sends.size());
              for (Future<?> send : sends) {
                failures.add(send.cause());
              }
              return Future.succeededFuture(failures);
            });
  }

  public Future<Void> close() {
    return stream.close(5000);
  }

  /** Too many writes wait for the broker already. */
  public static final class Overloaded extends RuntimeException {
    Overloaded(int maxPending) {
      super(maxPending + " writes are waiting for the broker", null, false, false);
    }
  }
}
