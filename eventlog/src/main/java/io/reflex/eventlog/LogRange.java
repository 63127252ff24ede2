package io.reflex.eventlog;

import io.vertx.core.Vertx;
import io.vertx.kafka.client.consumer.KafkaReadStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * A stretch of a topic between two times (when its records were written), read once by a
 * command-line tool through vertx-kafka-client: no consumer group, nothing committed. Its methods
 * wait for the stream's futures, so they run on a plain thread (the command's), never on an event
 * loop. The end is fixed when reading starts, so records written meanwhile are not included.
 */
public final class LogRange implements AutoCloseable {

  private static final Duration POLL = Duration.ofMillis(500);

  private final KafkaReadStream<String, byte[]> stream;
  private final Map<TopicPartition, Long> ends = new HashMap<>();
  private long total;

  /**
   * @param to exclusive; null: the end of the topic now
   */
  public LogRange(Vertx vertx, KafkaSettings settings, String topic, Instant from, Instant to) {
    Map<String, Object> props = settings.consumer("reflex-replay", "unused", 500);
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, settings.deliveryTimeoutMs() * 5);
    this.stream = KafkaReadStream.create(vertx, props);
    try {
      List<PartitionInfo> infos = stream.partitionsFor(topic).await();
      if (infos == null || infos.isEmpty()) {
        throw new IllegalArgumentException(
            "topic " + topic + " does not exist on " + settings.bootstrapServers());
      }
      Set<TopicPartition> partitions = new HashSet<>();
      infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
      stream.assign(partitions).await();
      Map<TopicPartition, Long> starts = offsetsAt(partitions, from);
      Map<TopicPartition, Long> stops =
          to == null ? stream.endOffsets(partitions).await() : offsetsAt(partitions, to);
      for (TopicPartition partition : partitions) {
        long start = starts.get(partition);
        long end = stops.get(partition);
        if (end > start) {
          stream.seek(partition, start).await();
          ends.put(partition, end);
          total += end - start;
        }
      }
      stream.pause(partitions).await();
      stream.resume(Set.copyOf(ends.keySet())).await();
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** Records in the range, over all partitions. */
  public long total() {
    return total;
  }

  /**
   * Hands the range to {@code batches}, batch by batch (each partition in order), until its end.
   */
  public void read(Consumer<List<ConsumerRecord<String, byte[]>>> batches) {
    while (!ends.isEmpty()) {
      ConsumerRecords<String, byte[]> records = stream.poll(POLL).await();
      List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>(records.count());
      for (ConsumerRecord<String, byte[]> record : records) {
        Long end = ends.get(new TopicPartition(record.topic(), record.partition()));
        if (end != null && record.offset() < end) {
          batch.add(record);
        }
      }
      for (TopicPartition partition : new ArrayList<>(ends.keySet())) {
        if (stream.position(partition).await() >= ends.get(partition)) {
          ends.remove(partition);
          stream.pause(Set.of(partition)).await();
        }
      }
      if (!batch.isEmpty()) {
        batches.accept(batch);
      }
    }
  }

  @Override
  public void close() {
    stream.close().await();
  }

  private Map<TopicPartition, Long> offsetsAt(Set<TopicPartition> partitions, Instant time) {
    Map<TopicPartition, Long> query = new HashMap<>();
    partitions.forEach(partition -> query.put(partition, time.toEpochMilli()));
    Map<TopicPartition, OffsetAndTimestamp> found = stream.offsetsForTimes(query).await();
    Map<TopicPartition, Long> ends = stream.endOffsets(partitions).await();
    Map<TopicPartition, Long> offsets = new HashMap<>();
    for (TopicPartition partition : partitions) {
      OffsetAndTimestamp at = found.get(partition);
      offsets.put(partition, at == null ? ends.get(partition) : at.offset());
    }
    return offsets;
  }
}
