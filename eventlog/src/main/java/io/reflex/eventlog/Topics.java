package io.reflex.eventlog;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.kafka.admin.KafkaAdminClient;
import io.vertx.kafka.admin.NewTopic;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the topics Reflex writes, with the configured partitions and replication, unless they
 * exist.
 */
public final class Topics {

  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

  private Topics() {}

  /** Kafka's own rule for topic names. */
  public static boolean isValidName(String name) {
    return NAME.matcher(name).matches() && !name.equals(".") && !name.equals("..");
  }

  public static Future<Void> ensure(Vertx vertx, KafkaSettings settings, List<String> names) {
    return ensureTopics(
        vertx,
        settings,
        names.stream()
            .map(name -> new NewTopic(name, settings.partitions(), settings.replicationFactor()))
            .toList());
  }

  /**
   * Creates each of {@code topics} as described (partitions, replication, configs) unless it
   * exists.
   */
  public static Future<Void> ensureTopics(
      Vertx vertx, KafkaSettings settings, List<NewTopic> topics) {
    Map<String, String> config = new HashMap<>();
    settings.admin("reflex-topics").forEach((key, value) -> config.put(key, String.valueOf(value)));
    KafkaAdminClient admin = KafkaAdminClient.create(vertx, config);
    Future<Void> created = Future.succeededFuture();
    for (NewTopic topic : topics) {
      created =
          created.compose(
              v ->
                  admin
                      .createTopics(List.of(topic))
                      .recover(e -> exists(e) ? Future.succeededFuture() : Future.failedFuture(e)));
    }
    return created.eventually(() -> admin.close());
  }

  private static boolean exists(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof TopicExistsException) {
        return true;
      }
    }
    return false;
  }
}
