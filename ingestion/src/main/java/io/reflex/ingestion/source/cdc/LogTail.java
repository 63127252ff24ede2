package io.reflex.ingestion.source.cdc;

import io.reflex.common.event.CloudEvent;
import io.reflex.eventlog.CloudEventRecords;
import io.reflex.eventlog.KafkaSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.consumer.KafkaReadStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Durable mode: the identities of a CDC source's events among the newest records of the event log.
 * A process killed after the log took a batch but before Debezium stored its offset reads that
 * batch again when it restarts; with these identities known to the duplicate filter, ingestion
 * answers them "duplicate" instead of logging them twice. Only the records written since the last
 * stored offset matter (at most the batches in flight), so the newest {@code perPartition} records
 * of each partition are enough. Read through vertx-kafka-client: nothing blocks the caller, nothing
 * is committed.
 */
final class LogTail {

  private static final Duration POLL = Duration.ofSeconds(1);

  private LogTail() {}

  static Future<Set<String>> identities(
      Vertx vertx, KafkaSettings kafka, CdcSettings settings, int perPartition) {
    String source = ChangeEvents.SOURCE_PREFIX + settings.name() + "/" + settings.database();
    Map<String, Object> props =
        kafka.consumer(
            "reflex-cdc-tail-" + settings.name(), "reflex-cdc-tail-" + settings.name(), 1000);
    props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
    KafkaReadStream<String, byte[]> stream = KafkaReadStream.create(vertx, props);
    Set<String> identities = new HashSet<>();
    return stream
        .partitionsFor(kafka.eventsTopic())
        .compose(
            infos -> {
              Set<TopicPartition> partitions = new HashSet<>();
              for (PartitionInfo info : infos == null ? List.<PartitionInfo>of() : infos) {
                partitions.add(new TopicPartition(info.topic(), info.partition()));
              }
              return stream
                  .endOffsets(partitions)
                  .compose(
                      ends ->
                          stream
                              .beginningOffsets(partitions)
                              .compose(starts -> seekTail(stream, ends, starts, perPartition)));
            })
        .compose(pending -> read(stream, pending, source, identities))
        .map(identities)
        .eventually(() -> stream.close());
  }

  /**
   * Places the stream {@code perPartition} records before each end; answers the partitions with
   * records to read.
   */
  private static Future<Map<TopicPartition, Long>> seekTail(
      KafkaReadStream<String, byte[]> stream,
      Map<TopicPartition, Long> ends,
      Map<TopicPartition, Long> starts,
      int perPartition) {
    Map<TopicPartition, Long> pending = new HashMap<>();
    Map<TopicPartition, Long> froms = new HashMap<>();
    ends.forEach(
        (partition, end) -> {
          long from = Math.max(starts.get(partition), end - perPartition);
          if (from < end) {
            pending.put(partition, end);
            froms.put(partition, from);
          }
        });
    Future<Void> placed = stream.assign(Set.copyOf(pending.keySet()));
    for (Map.Entry<TopicPartition, Long> from : froms.entrySet()) {
      placed = placed.compose(v -> stream.seek(from.getKey(), from.getValue()));
    }
    return placed.map(pending);
  }

  private static Future<Void> read(
      KafkaReadStream<String, byte[]> stream,
      Map<TopicPartition, Long> pending,
      String source,
      Set<String> identities) {
    if (pending.isEmpty()) {
      return Future.succeededFuture();
    }
    return stream
        .poll(POLL)
        .compose(
            records -> {
              for (ConsumerRecord<String, byte[]> record : records) {
                try {
                  CloudEvent event = CloudEventRecords.event(record);
                  if (source.equals(event.source())) {
                    identities.add(event.identity());
                  }
                } catch (RuntimeException unreadable) {
                  // Not an event of this source: the log only holds what ingestion validated.
                }
              }
              Future<Void> checked = Future.succeededFuture();
              for (TopicPartition partition : new ArrayList<>(pending.keySet())) {
                checked =
                    checked.compose(
                        v ->
                            stream
                                .position(partition)
                                .map(
                                    position -> {
                                      if (position >= pending.get(partition)) {
                                        pending.remove(partition);
                                      }
                                      return null;
                                    }));
              }
              return checked.compose(v -> read(stream, pending, source, identities));
            });
  }
}
