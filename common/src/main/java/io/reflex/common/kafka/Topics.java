package io.reflex.common.kafka;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;

/** Creates the topics Reflex writes, with the configured partitions and replication, unless they exist. */
public final class Topics {

  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

  private Topics() {
  }

  /** Kafka's own rule for topic names. */
  public static boolean isValidName(String name) {
    return NAME.matcher(name).matches() && !name.equals(".") && !name.equals("..");
  }

  public static Future<Void> ensure(Vertx vertx, KafkaSettings settings, List<String> names) {
    return vertx.executeBlocking(() -> {
      try (Admin admin = Admin.create(settings.admin("reflex-topics"))) {
        for (String name : names) {
          try {
            admin.createTopics(List.of(new NewTopic(name, settings.partitions(), settings.replicationFactor())))
                .all().get();
          } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
              throw e;
            }
          }
        }
      }
      return null;
    }, false);
  }
}
