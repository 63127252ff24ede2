package io.reflex.ingestion.source.cdc;

import io.reflex.common.event.CloudEvent;
import io.reflex.eventlog.CloudEventRecords;
import io.reflex.eventlog.KafkaSettings;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Durable mode: the identities of a CDC source's events among the newest records of the event log. A process killed
 * after the log took a batch but before Debezium stored its offset reads that batch again when it restarts; with
 * these identities known to the duplicate filter, ingestion answers them "duplicate" instead of logging them twice.
 * Only the records written since the last stored offset matter (at most the batches in flight), so the newest
 * {@code perPartition} records of each partition are enough. Blocking: call from a worker.
 */
final class LogTail {

  private LogTail() {
  }

  static Set<String> identities(KafkaSettings kafka, CdcSettings settings, int perPartition) {
    String source = ChangeEvents.SOURCE_PREFIX + settings.name() + "/" + settings.database();
    Set<String> identities = new HashSet<>();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(kafka.consumer("reflex-cdc-tail-"
        + settings.name(), "reflex-cdc-tail-" + settings.name(), 1000))) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (PartitionInfo info : consumer.partitionsFor(kafka.eventsTopic(), Duration.ofSeconds(30))) {
        partitions.add(new TopicPartition(info.topic(), info.partition()));
      }
      consumer.assign(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
      Map<TopicPartition, Long> starts = consumer.beginningOffsets(partitions, Duration.ofSeconds(30));
      Set<TopicPartition> pending = new HashSet<>();
      for (TopicPartition partition : partitions) {
        long from = Math.max(starts.get(partition), ends.get(partition) - perPartition);
        if (from < ends.get(partition)) {
          consumer.seek(partition, from);
          pending.add(partition);
        }
      }
      while (!pending.isEmpty()) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
          try {
            CloudEvent event = CloudEvent.wrap(CloudEventRecords.read(record));
            if (source.equals(event.source())) {
              identities.add(event.identity());
            }
          } catch (RuntimeException unreadable) {
            // Not an event of this source: the log only holds what ingestion validated.
          }
        }
        pending.removeIf(partition -> consumer.position(partition) >= ends.get(partition));
      }
    }
    return identities;
  }
}
