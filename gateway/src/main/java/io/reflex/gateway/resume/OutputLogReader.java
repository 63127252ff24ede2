package io.reflex.gateway.resume;

import io.reflex.eventlog.outputlog.OutputLogSettings;
import io.reflex.eventlog.outputlog.OutputTopic;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.consumer.KafkaReadStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads the output log from a position, outside any consumer group (nothing is committed: a
 * reader's place is the subscriber's cursor). A vertx-kafka-client stream runs the consumer on a
 * thread of its own, one call after the other, and answers on the caller's context, so no event
 * loop ever waits; its fetches are capped so a reader holds at most about a megabyte.
 */
public final class OutputLogReader {

  private static final int MAX_FETCH_BYTES = 1 << 20;

  private final KafkaReadStream<String, byte[]> stream;
  private final TopicPartition partition;
  private final Future<Void> assigned;
  private boolean closed;

  public OutputLogReader(Vertx vertx, OutputLogSettings settings, String clientId, int maxRecords) {
    Map<String, Object> props = settings.kafka().consumer(clientId, "unused", maxRecords);
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, MAX_FETCH_BYTES);
    props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, MAX_FETCH_BYTES);
    // While the broker is away a lookup fails in seconds (a resume is answered unavailable) instead
    // of a minute.
    props.put(
        ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
        Math.max(10_000, 3 * settings.kafka().deliveryTimeoutMs()));
    this.stream = KafkaReadStream.create(vertx, props);
    this.partition = new TopicPartition(settings.topic(), OutputTopic.PARTITION);
    this.assigned = stream.assign(Set.of(partition));
  }

  /**
   * What the log holds now: its first and next offsets, and when its oldest output was written
   * (null if empty).
   */
  public record Bounds(long begin, long end, Instant earliest) {}

  /** Records read, and the offset the next read starts at. */
  public record Batch(List<ConsumerRecord<String, byte[]>> records, long next) {}

  public Future<Bounds> bounds() {
    return run(
        () ->
            stream
                .beginningOffsets(partition)
                .compose(
                    begin ->
                        stream
                            .endOffsets(partition)
                            .compose(
                                end ->
                                    firstAtOrAfter(0L)
                                        .map(
                                            first ->
                                                new Bounds(
                                                    begin,
                                                    end,
                                                    first == null
                                                        ? null
                                                        : Instant.ofEpochMilli(
                                                            first.timestamp()))))));
  }

  /** The first offset written at or after {@code time}, or the end of the log. */
  public Future<Long> offsetAt(Instant time) {
    return run(
        () ->
            firstAtOrAfter(time.toEpochMilli())
                .compose(
                    at ->
                        at != null
                            ? Future.succeededFuture(at.offset())
                            : stream.endOffsets(partition)));
  }

  public Future<Void> seek(long offset) {
    return run(() -> stream.seek(partition, offset));
  }

  /** Waits up to {@code timeout} for records after the current position. */
  public Future<Batch> poll(Duration timeout) {
    return run(
        () ->
            stream
                .poll(timeout)
                .compose(
                    records ->
                        stream
                            .position(partition)
                            .map(
                                next ->
                                    new Batch(new ArrayList<>(records.records(partition)), next))));
  }

  /** Ends a poll in progress early; the stream closes after the calls before. */
  public Future<Void> close() {
    if (closed) {
      return Future.succeededFuture();
    }
    closed = true;
    return stream.close();
  }

  private Future<OffsetAndTimestamp> firstAtOrAfter(long time) {
    return stream.offsetsForTimes(Map.of(partition, time)).map(found -> found.get(partition));
  }

  private <T> Future<T> run(Supplier<Future<T>> call) {
    if (closed) {
      return Future.failedFuture(new IllegalStateException("the output log reader is closed"));
    }
    return assigned.compose(v -> call.get());
  }
}
