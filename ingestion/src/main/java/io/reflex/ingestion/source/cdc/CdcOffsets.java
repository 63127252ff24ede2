package io.reflex.ingestion.source.cdc;

import io.reflex.eventlog.KafkaSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.kafka.admin.KafkaAdminClient;
import io.vertx.kafka.admin.OffsetSpec;
import io.vertx.kafka.client.common.TopicPartition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Where a CDC source keeps the position of the last change ingestion accepted: a file under the
 * data directory in standalone, a compacted Kafka topic in durable mode (so a source restarted on
 * another machine goes on from there).
 */
abstract sealed class CdcOffsets {

  static CdcOffsets of(CdcSettings settings, KafkaSettings kafka, boolean durable) {
    return durable
        ? new InKafka(kafka, "reflex.cdc." + settings.name() + ".offsets")
        : new InFile(Path.of(settings.dataDir(), "cdc-" + settings.name() + ".offsets"));
  }

  /** The Debezium engine properties naming this store. */
  abstract void configure(Properties engine);

  /** Whether the source acknowledged a change before. */
  abstract Future<Boolean> exist(Vertx vertx);

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
        throw new UncheckedIOException(
            "cannot create the data directory for " + file + ": " + e.getMessage(), e);
      }
      engine.setProperty(
          "offset.storage", "org.apache.kafka.connect.storage.FileOffsetBackingStore");
      engine.setProperty("offset.storage.file.filename", file.toString());
    }

    @Override
    Future<Boolean> exist(Vertx vertx) {
      return vertx.executeBlocking(() -> Files.exists(file) && Files.size(file) > 0, false);
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
      engine.setProperty(
          "offset.storage", "org.apache.kafka.connect.storage.KafkaOffsetBackingStore");
      engine.setProperty("offset.storage.topic", topic);
      engine.setProperty("offset.storage.partitions", "1");
      engine.setProperty(
          "offset.storage.replication.factor", String.valueOf(kafka.replicationFactor()));
    }

    @Override
    Future<Boolean> exist(Vertx vertx) {
      Map<String, String> config = new HashMap<>();
      kafka
          .admin("reflex-cdc-offsets")
          .forEach((key, value) -> config.put(key, String.valueOf(value)));
      KafkaAdminClient admin = KafkaAdminClient.create(vertx, config);
      TopicPartition partition = new TopicPartition(topic, 0);
      return admin
          .listOffsets(Map.of(partition, OffsetSpec.LATEST))
          .map(offsets -> offsets.get(partition).getOffset() > 0)
          .timeout(30, TimeUnit.SECONDS)
          .recover(
              e -> {
                if (causedBy(e, UnknownTopicOrPartitionException.class)) {
                  return Future.succeededFuture(false);
                }
                return Future.failedFuture(
                    e instanceof TimeoutException
                        ? new IllegalStateException(
                            "the broker did not say within 30 s whether "
                                + topic
                                + " holds offsets",
                            e)
                        : e);
              })
          .eventually(() -> admin.close());
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> kind) {
      for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
        if (kind.isInstance(cause)) {
          return true;
        }
      }
      return false;
    }

    @Override
    String where() {
      return "topic " + topic;
    }
  }
}
