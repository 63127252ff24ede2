package io.reflex.ingestion.source.cdc;

import io.reflex.eventlog.KafkaSettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Where a CDC source keeps the position of the last change ingestion accepted: a file under the data directory in
 * standalone, a compacted Kafka topic in durable mode (so a source restarted on another machine goes on from there).
 */
abstract sealed class CdcOffsets {

  static CdcOffsets of(CdcSettings settings, KafkaSettings kafka, boolean durable) {
    return durable ? new InKafka(kafka, "reflex.cdc." + settings.name() + ".offsets")
        : new InFile(Path.of(settings.dataDir(), "cdc-" + settings.name() + ".offsets"));
  }

  /** The Debezium engine properties naming this store. */
  abstract void configure(Properties engine);

  /** Whether the source acknowledged a change before (blocking). */
  abstract boolean exist() throws Exception;

  abstract String where();

  static final class InFile extends CdcOffsets {
    private final Path file;

    InFile(Path file) {
      this.file = file;
    }

    @Override
    void configure(Properties engine) {
      try {
        Files.createDirectories(file.toAbsolutePath().getParent());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create the data directory for " + file + ": " + e.getMessage(), e);
      }
      engine.setProperty("offset.storage", "org.apache.kafka.connect.storage.FileOffsetBackingStore");
      engine.setProperty("offset.storage.file.filename", file.toString());
    }

    @Override
    boolean exist() throws IOException {
      return Files.exists(file) && Files.size(file) > 0;
    }

    @Override
    String where() {
      return file.toString();
    }
  }

  static final class InKafka extends CdcOffsets {
    private final KafkaSettings kafka;
    private final String topic;

    InKafka(KafkaSettings kafka, String topic) {
      this.kafka = kafka;
      this.topic = topic;
    }

    @Override
    void configure(Properties engine) {
      kafka.properties().forEach((key, value) -> engine.setProperty(key, String.valueOf(value)));
      engine.setProperty("bootstrap.servers", kafka.bootstrapServers());
      engine.setProperty("offset.storage", "org.apache.kafka.connect.storage.KafkaOffsetBackingStore");
      engine.setProperty("offset.storage.topic", topic);
      engine.setProperty("offset.storage.partitions", "1");
      engine.setProperty("offset.storage.replication.factor", String.valueOf(kafka.replicationFactor()));
    }

    @Override
    boolean exist() throws InterruptedException, ExecutionException {
      try (Admin admin = Admin.create(kafka.admin("reflex-cdc-offsets"))) {
        TopicPartition partition = new TopicPartition(topic, 0);
        return admin.listOffsets(Map.of(partition, OffsetSpec.latest())).partitionResult(partition)
            .get(30, TimeUnit.SECONDS).offset() > 0;
      } catch (ExecutionException e) {
        if (e.getCause() instanceof UnknownTopicOrPartitionException) {
          return false;
        }
        throw e;
      } catch (TimeoutException e) {
        throw new IllegalStateException("the broker did not say within 30 s whether " + topic + " holds offsets", e);
      }
    }

    @Override
    String where() {
      return "topic " + topic;
    }
  }
}
