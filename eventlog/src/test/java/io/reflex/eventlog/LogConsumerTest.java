package io.reflex.eventlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.reflex.common.event.CloudEvent;
import io.reflex.common.testing.Events;
import io.reflex.common.testing.KafkaBroker;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The event log's writer and consumer against a real KRaft broker in a child JVM. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class LogConsumerTest {

  private static KafkaBroker broker;
  private static Vertx vertx;
  private static KafkaSettings settings;

  @BeforeAll
  static void startBroker() throws Exception {
    broker = KafkaBroker.start(Path.of("target", "kafka", "log-consumer-" + System.nanoTime()));
    vertx = Vertx.vertx();
    settings =
        KafkaSettings.from(
            new JsonObject()
                .put("bootstrapServers", broker.bootstrapServers())
                .put("partitions", 3));
  }

  @AfterAll
  static void stopBroker() throws Exception {
    vertx.close().await();
    broker.close();
  }

  @Test
  @DisplayName(
      "written events are read back in order per key; a failed batch is handed over again until it succeeds, "
          + "and a new member of the group starts after what was committed")
  void atLeastOnceWithCommitsAfterSuccess() throws Exception {
    String topic = "log-test-" + System.nanoTime();
    Topics.ensure(vertx, settings, List.of(topic)).await(60, TimeUnit.SECONDS);
    RecordWriter writer = new RecordWriter(vertx, settings, "test-writer");
    Context context = vertx.getOrCreateContext();
    List<CloudEvent> first = events("a", 0, 30);
    assertThat(write(writer, context, topic, first)).containsOnlyNulls();

    Map<String, List<Integer>> seenByKey = new ConcurrentHashMap<>();
    AtomicInteger failuresLeft = new AtomicInteger(2);
    List<String> handled = new CopyOnWriteArrayList<>();
    String group = "group-" + System.nanoTime();
    LogConsumer consumer =
        new LogConsumer(
            settings.consumer("test", group, 10),
            List.of(topic),
            context,
            records -> {
              if (failuresLeft.getAndDecrement() > 0) {
                return Future.failedFuture("not yet");
              }
              for (ConsumerRecord<String, byte[]> record : records) {
                JsonObject event = CloudEventRecords.read(record);
                handled.add(event.getString("id"));
                seenByKey
                    .computeIfAbsent(record.key(), k -> new ArrayList<>())
                    .add(event.getJsonObject("data").getInteger("value"));
              }
              return Future.succeededFuture();
            },
            5000,
            500);
    consumer.start();
    await().atMost(Duration.ofSeconds(90)).until(() -> handled.size() >= 30);
    consumer.stop().await(30, TimeUnit.SECONDS);
    assertThat(handled).hasSize(30).doesNotHaveDuplicates();
    seenByKey.values().forEach(values -> assertThat(values).isSorted());

    List<CloudEvent> second = events("b", 30, 10);
    assertThat(write(writer, context, topic, second)).containsOnlyNulls();
    // A marker last in every partition: once all are read, whatever the new member was going to
    // read again (records
    // before the committed offsets) would have come before them.
    List<String> markers = new ArrayList<>();
    List<ProducerRecord<String, byte[]>> markerRecords = new ArrayList<>();
    for (int partition = 0; partition < settings.partitions(); partition++) {
      CloudEvent marker =
          CloudEvent.wrap(Events.event("marker-" + partition, "test.marker", null, null));
      ProducerRecord<String, byte[]> record = CloudEventRecords.structured(topic, "marker", marker);
      markers.add(marker.id());
      markerRecords.add(
          new ProducerRecord<>(topic, partition, record.key(), record.value(), record.headers()));
    }
    assertThat(write(writer, context, markerRecords)).containsOnlyNulls();
    List<String> afterRestart = new CopyOnWriteArrayList<>();
    LogConsumer next =
        new LogConsumer(
            settings.consumer("test", group, 10),
            List.of(topic),
            context,
            records -> {
              records.forEach(
                  record -> afterRestart.add(CloudEventRecords.read(record).getString("id")));
              return Future.succeededFuture();
            },
            5000,
            500);
    next.start();
    await().atMost(Duration.ofSeconds(90)).until(() -> afterRestart.containsAll(markers));
    next.stop().await(30, TimeUnit.SECONDS);
    assertThat(afterRestart)
        .filteredOn(id -> !markers.contains(id))
        .containsExactlyInAnyOrderElementsOf(second.stream().map(CloudEvent::id).toList());
    writer.close().await();
  }

  @Test
  @DisplayName(
      "with the broker away, a write is answered within the delivery timeout, not acknowledged")
  void writesFailWhileTheBrokerIsAway() throws Exception {
    String topic = "away-" + System.nanoTime();
    Topics.ensure(vertx, settings, List.of(topic)).await(60, TimeUnit.SECONDS);
    RecordWriter writer = new RecordWriter(vertx, settings, "away-writer");
    Context context = vertx.getOrCreateContext();
    assertThat(write(writer, context, topic, events("c", 0, 1))).containsOnlyNulls();
    broker.stop();
    try {
      List<Throwable> failures = write(writer, context, topic, events("d", 0, 5));
      assertThat(failures).hasSize(5).doesNotContainNull();
    } finally {
      broker.restart();
    }
    List<Throwable> later = List.of();
    for (int attempt = 0; attempt < 20; attempt++) {
      later = write(writer, context, topic, events("e" + attempt, 0, 1));
      if (later.get(0) == null) {
        break;
      }
    }
    assertThat(later).as("writes after the broker returned").containsOnlyNulls();
    writer.close().await();
  }

  private static List<Throwable> write(
      RecordWriter writer, Context context, String topic, List<CloudEvent> events)
      throws Exception {
    List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
    for (CloudEvent event : events) {
      records.add(CloudEventRecords.structured(topic, event.subject(), event));
    }
    return write(writer, context, records);
  }

  private static List<Throwable> write(
      RecordWriter writer, Context context, List<ProducerRecord<String, byte[]>> records)
      throws Exception {
    return Future.<List<Throwable>>future(
            promise ->
                context.runOnContext(v -> writer.write(context, records).onComplete(promise)))
        .await(30, TimeUnit.SECONDS);
  }

  private static List<CloudEvent> events(String prefix, int from, int count) {
    List<CloudEvent> events = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      events.add(
          CloudEvent.wrap(
              Events.metric(prefix + "-" + i, "series-" + i % 4, i, Instant.ofEpochSecond(i))));
    }
    return events;
  }
}
