package io.reflex.eventlog;

import io.reflex.common.config.ConfigTree;
import io.reflex.common.event.FieldPath;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The {@code kafka} section of the configuration: where the broker is, the event log's topic, and
 * the client settings every Reflex producer and consumer shares. Extra client properties (security,
 * SASL, TLS) pass through unchanged.
 */
public record KafkaSettings(
    String bootstrapServers,
    String eventsTopic,
    int partitions,
    short replicationFactor,
    FieldPath partitionKey,
    int deliveryTimeoutMs,
    int lingerMs,
    int maxPendingEvents,
    int sessionTimeoutMs,
    Map<String, Object> properties) {

  /**
   * @param kafka the {@code kafka} section, possibly partial (completed with the defaults); may be
   *     null
   */
  public static KafkaSettings from(JsonObject kafka) {
    ConfigTree json = ConfigTree.of("kafka", kafka);
    int deliveryTimeoutMs = json.integer("deliveryTimeoutMs");
    int lingerMs = json.integer("lingerMs");
    if (deliveryTimeoutMs < lingerMs + 1000) {
      throw new IllegalArgumentException(
          "kafka.deliveryTimeoutMs must be at least kafka.lingerMs + 1000, was "
              + deliveryTimeoutMs);
    }
    return new KafkaSettings(
        json.text("bootstrapServers"),
        json.text("eventsTopic"),
        json.integer("partitions"),
        (short) json.integer("replicationFactor"),
        FieldPath.parse(json.text("partitionKey")),
        deliveryTimeoutMs,
        lingerMs,
        json.integer("maxPendingEvents"),
        json.integer("sessionTimeoutMs"),
        json.at("properties").json().getMap());
  }

  /** Whether a broker is configured at all; without one, Reflex runs broker-free. */
  public boolean configured() {
    return !bootstrapServers.isBlank();
  }

  public Map<String, Object> admin(String clientId) {
    Map<String, Object> props = common(clientId);
    props.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, deliveryTimeoutMs);
    props.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, deliveryTimeoutMs);
    return props;
  }

  /**
   * An idempotent producer with {@code acks=all}: a write it confirms is on every in-sync replica,
   * and its own retries never duplicate or reorder a partition. A write not confirmed within {@code
   * deliveryTimeoutMs} fails, so that the client hears "unavailable" while the broker is away
   * instead of waiting.
   */
  public Map<String, Object> producer(String clientId) {
    Map<String, Object> props = common(clientId);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
    props.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, deliveryTimeoutMs);
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, deliveryTimeoutMs - lingerMs);
    // send() waits this long for topic metadata; it runs on the stream's worker, never on an event
    // loop.
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Math.min(1000, deliveryTimeoutMs));
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    return props;
  }

  /**
   * A consumer in {@code group} that commits only what Reflex tells it to, and is replaced quickly
   * when it dies.
   */
  public Map<String, Object> consumer(String clientId, String group, int maxPollRecords) {
    Map<String, Object> props = common(clientId);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
    // The broker answers a fetch once 64 KB wait or after 5 ms, instead of at the first record: a
    // few ms on each read of the log for a sixth less CPU per event at 5,000 ev/s (BENCHMARKS.md).
    // Extra properties may say otherwise.
    props.putIfAbsent(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 64 * 1024);
    props.putIfAbsent(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5);
    props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, sessionTimeoutMs);
    props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, Math.max(500, sessionTimeoutMs / 3));
    // A topic created after the consumer subscribed is found within seconds, not the default five
    // minutes.
    props.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 5000);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    return props;
  }

  private Map<String, Object> common(String clientId) {
    Map<String, Object> props = new HashMap<>(properties);
    props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
    // Reconnect quickly after a broker restart, but not in a tight loop.
    props.put(CommonClientConfigs.RECONNECT_BACKOFF_MS_CONFIG, 100);
    props.put(CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
    return props;
  }
}
