package io.reflex.eventlog.outputlog;

import io.reflex.eventlog.CloudEventRecords;
import io.reflex.eventlog.Topics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.kafka.admin.NewTopic;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Creates the output log's topic unless it exists. One partition: a place in the log is then one
 * offset, and every gateway reads the outputs in the same order, so a cursor from one gateway means
 * the same on another. Should the topic have been made with more (auto-created by a broker), only
 * {@link #PARTITION} is written and read.
 *
 * <p>Each record's key is its output's identity, and a header names the output's type, so a reader
 * can remember an output, or pass over one of a type nobody asked for, without parsing it.
 */
public final class OutputTopic {

  public static final int PARTITION = 0;

  /** The header naming the output's CloudEvents {@code type}. */
  public static final String TYPE_HEADER = "reflex-type";

  private OutputTopic() {}

  public static Future<Void> ensure(Vertx vertx, OutputLogSettings settings) {
    NewTopic topic =
        new NewTopic(settings.topic(), 1, settings.kafka().replicationFactor())
            .setConfig(Map.of("retention.ms", String.valueOf(settings.retentionMs())));
    return Topics.ensureTopics(vertx, settings.kafka(), List.of(topic));
  }

  /** The output's type as its header names it; null for a record written without one. */
  public static String type(ConsumerRecord<?, ?> record) {
    return CloudEventRecords.header(record.headers(), TYPE_HEADER);
  }
}
