package io.reflex.eventlog.outputlog;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * Creates the output log's topic unless it exists. One partition: a place in the log is then one offset, and every
 * gateway reads the outputs in the same order, so a cursor from one gateway means the same on another. Should the
 * topic have been made with more (auto-created by a broker), only {@link #PARTITION} is written and read.
 */
public final class OutputTopic {

  public static final int PARTITION = 0;

  private OutputTopic() {
  }

  public static Future<Void> ensure(Vertx vertx, OutputLogSettings settings) {
    return vertx.executeBlocking(() -> {
      try (Admin admin = Admin.create(settings.kafka().admin("reflex-output-topic"))) {
        try {
          admin.createTopics(List.of(new NewTopic(settings.topic(), 1, settings.kafka().replicationFactor())
              .configs(Map.of("retention.ms", String.valueOf(settings.retentionMs()))))).all().get();
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw e;
          }
        }
      }
      return null;
    }, false);
  }
}
