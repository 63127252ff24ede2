package io.reflex.common.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A stretch of a topic between two times (when its records were written), read once from a plain blocking thread
 * (a command-line tool): no consumer group, nothing committed. The end is fixed when reading starts, so records
 * written meanwhile are not included.
 */
public final class LogRange implements AutoCloseable {

  private static final Duration POLL = Duration.ofMillis(500);

  private final KafkaConsumer<String, byte[]> consumer;
  private final Map<TopicPartition, Long> ends = new HashMap<>();
  private long total;

  /** @param to exclusive; null: the end of the topic now */
  public LogRange(KafkaSettings settings, String topic, Instant from, Instant to) {
    Map<String, Object> props = settings.consumer("reflex-replay", "unused", 500);
    props.remove("group.id");
    this.consumer = new KafkaConsumer<>(props);
    List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofMillis(settings.deliveryTimeoutMs() * 5L));
    if (infos == null || infos.isEmpty()) {
      consumer.close();
      throw new IllegalArgumentException("topic " + topic + " does not exist on " + settings.bootstrapServers());
    }
    List<TopicPartition> partitions = new ArrayList<>();
    infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
    consumer.assign(partitions);
    Map<TopicPartition, Long> starts = offsetsAt(partitions, from);
    Map<TopicPartition, Long> stops = to == null ? consumer.endOffsets(partitions) : offsetsAt(partitions, to);
    for (TopicPartition partition : partitions) {
      long start = starts.get(partition);
      long end = stops.get(partition);
      if (end > start) {
        consumer.seek(partition, start);
        ends.put(partition, end);
        total += end - start;
      }
    }
    consumer.pause(partitions);
    consumer.resume(ends.keySet());
  }

  /** Records in the range, over all partitions. */
  public long total() {
    return total;
  }

  /** Hands the range to {@code batches}, batch by batch (each partition in order), until its end. */
  public void read(Consumer<List<ConsumerRecord<String, byte[]>>> batches) {
    while (!ends.isEmpty()) {
      ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
      List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>(records.count());
      for (ConsumerRecord<String, byte[]> record : records) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        Long end = ends.get(partition);
        if (end != null && record.offset() < end) {
          batch.add(record);
        }
      }
      for (TopicPartition partition : new ArrayList<>(ends.keySet())) {
        if (consumer.position(partition) >= ends.get(partition)) {
          ends.remove(partition);
          consumer.pause(List.of(partition));
        }
      }
      if (!batch.isEmpty()) {
        batches.accept(batch);
      }
    }
  }

  @Override
  public void close() {
    consumer.close();
  }

  private Map<TopicPartition, Long> offsetsAt(List<TopicPartition> partitions, Instant time) {
    Map<TopicPartition, Long> query = new HashMap<>();
    partitions.forEach(partition -> query.put(partition, time.toEpochMilli()));
    Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query);
    Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
    Map<TopicPartition, Long> offsets = new HashMap<>();
    for (TopicPartition partition : partitions) {
      OffsetAndTimestamp at = found.get(partition);
      offsets.put(partition, at == null ? ends.get(partition) : at.offset());
    }
    return offsets;
  }
}
