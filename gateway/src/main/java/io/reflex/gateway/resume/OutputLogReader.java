package io.reflex.gateway.resume;

import io.reflex.eventlog.outputlog.OutputLogSettings;
import io.reflex.eventlog.outputlog.OutputTopic;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Reads the output log from a position, outside any consumer group (nothing is committed: a reader's place is the
 * subscriber's cursor). The consumer blocks, so every call runs on the gateway's log-reading workers, one call at a
 * time per reader, never on an event loop; its fetches are capped so a reader holds at most about a megabyte.
 */
public final class OutputLogReader {

  private static final int MAX_FETCH_BYTES = 1 << 20;

  private final WorkerExecutor workers;
  private final OutputLogSettings settings;
  private final String clientId;
  private final int maxRecords;
  private final TopicPartition partition;
  private KafkaConsumer<String, byte[]> consumer;
  private Future<?> last = Future.succeededFuture();
  private boolean closed;

  public OutputLogReader(WorkerExecutor workers, OutputLogSettings settings, String clientId, int maxRecords) {
    this.workers = workers;
    this.settings = settings;
    this.clientId = clientId;
    this.maxRecords = maxRecords;
    this.partition = new TopicPartition(settings.topic(), OutputTopic.PARTITION);
  }

  /** What the log holds now: its first and next offsets, and when its oldest output was written (null if empty). */
  public record Bounds(long begin, long end, Instant earliest) {
  }

  /** Records read, and the offset the next read starts at. */
  public record Batch(List<ConsumerRecord<String, byte[]>> records, long next) {
  }

  public Future<Bounds> bounds() {
    return run(() -> {
      long begin = consumer().beginningOffsets(List.of(partition)).get(partition);
      long end = consumer().endOffsets(List.of(partition)).get(partition);
      OffsetAndTimestamp first = consumer().offsetsForTimes(Map.of(partition, 0L)).get(partition);
      return new Bounds(begin, end, first == null ? null : Instant.ofEpochMilli(first.timestamp()));
    });
  }

  /** The first offset written at or after {@code time}, or the end of the log. */
  public Future<Long> offsetAt(Instant time) {
    return run(() -> {
      OffsetAndTimestamp at = consumer().offsetsForTimes(Map.of(partition, time.toEpochMilli())).get(partition);
      return at != null ? at.offset() : consumer().endOffsets(List.of(partition)).get(partition);
    });
  }

  public Future<Void> seek(long offset) {
    return run(() -> {
      consumer().seek(partition, offset);
      return null;
    });
  }

  /** Waits up to {@code timeout} for records after the current position. */
  public Future<Batch> poll(Duration timeout) {
    return run(() -> {
      List<ConsumerRecord<String, byte[]>> records = new ArrayList<>(consumer().poll(timeout).records(partition));
      return new Batch(records, consumer().position(partition));
    });
  }

  /** Ends a poll in progress early; the reader is closed once its last call returned. */
  public Future<Void> close() {
    if (closed) {
      return Future.succeededFuture();
    }
    closed = true;
    if (consumer != null) {
      consumer.wakeup();
    }
    Future<Void> done = last.transform(ignored -> workers.executeBlocking(() -> {
      if (consumer != null) {
        consumer.close(Duration.ofSeconds(1));
      }
      return null;
    }, false));
    last = done;
    return done;
  }

  /** One call at a time: the consumer may be used from any thread, but by one at a time. */
  private <T> Future<T> run(Callable<T> call) {
    if (closed) {
      return Future.failedFuture(new IllegalStateException("the output log reader is closed"));
    }
    Future<T> next = last.transform(ignored -> workers.executeBlocking(call, false));
    last = next;
    return next;
  }

  private KafkaConsumer<String, byte[]> consumer() {
    if (consumer == null) {
      Map<String, Object> props = settings.kafka().consumer(clientId, "unused", maxRecords);
      props.remove(ConsumerConfig.GROUP_ID_CONFIG);
      props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, MAX_FETCH_BYTES);
      props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, MAX_FETCH_BYTES);
      // While the broker is away a lookup fails in seconds (a resume is answered unavailable) instead of a minute.
      props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
          Math.max(10_000, 3 * settings.kafka().deliveryTimeoutMs()));
      consumer = new KafkaConsumer<>(props);
      consumer.assign(List.of(partition));
    }
    return consumer;
  }
}
