package io.reflex.eventlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.reflex.common.event.CloudEvent;
import io.reflex.common.testing.Events;
import io.reflex.common.testing.KafkaBroker;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
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
    List<String> afterRestart =
        readAsNewMember(
            topic,
            group,
            10,
            record -> CloudEventRecords.read(record).getString("id"),
            read -> read.containsAll(markers));
    assertThat(afterRestart)
        .filteredOn(id -> !markers.contains(id))
        .containsExactlyInAnyOrderElementsOf(second.stream().map(CloudEvent::id).toList());
    writer.close().await();
  }

  @Test
  @DisplayName(
      "a partition whose batch is in flight does not hold back the others; each partition goes in offset "
          + "order with one batch in flight, a failed batch is handed over again first, and stopping commits "
          + "everything done")
  void partitionsSideBySide() throws Exception {
    String topic = "side-" + System.nanoTime();
    Topics.ensure(vertx, settings, List.of(topic)).await(60, TimeUnit.SECONDS);
    RecordWriter writer = new RecordWriter(vertx, settings, "side-writer");
    Context context = vertx.getOrCreateContext();
    assertThat(write(writer, context, inPartition(topic, 0, "p0", 10))).containsOnlyNulls();

    Map<Integer, List<Long>> handledOffsets = new ConcurrentHashMap<>();
    Map<Integer, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    List<String> violations = new CopyOnWriteArrayList<>();
    Promise<Void> firstOfPartition0 = Promise.promise();
    String group = "side-group-" + System.nanoTime();
    LogConsumer consumer =
        new LogConsumer(
            settings.consumer("side", group, 4),
            List.of(topic),
            context,
            records -> {
              Set<Integer> partitions = new HashSet<>();
              records.forEach(r -> partitions.add(r.partition()));
              for (int partition : partitions) {
                if (inFlight.computeIfAbsent(partition, p -> new AtomicInteger()).incrementAndGet()
                    > 1) {
                  violations.add("two batches of partition " + partition + " in flight");
                }
              }
              boolean firstOfZero = partitions.contains(0) && !handledOffsets.containsKey(0);
              records.forEach(
                  r ->
                      handledOffsets
                          .computeIfAbsent(r.partition(), p -> new CopyOnWriteArrayList<>())
                          .add(r.offset()));
              Future<Void> done =
                  firstOfZero ? firstOfPartition0.future() : Future.succeededFuture();
              return done.andThen(v -> partitions.forEach(p -> inFlight.get(p).decrementAndGet()));
            },
            5000,
            200);
    consumer.start();
    await().atMost(Duration.ofSeconds(90)).until(() -> handledOffsets.containsKey(0));
    assertThat(write(writer, context, inPartition(topic, 1, "p1", 10))).containsOnlyNulls();
    // Partition 1 is read to its end while partition 0's first batch is still in flight.
    await()
        .atMost(Duration.ofSeconds(90))
        .until(() -> handledOffsets.getOrDefault(1, List.of()).size() >= 10);
    assertThat(handledOffsets.get(0)).isNotEmpty().allMatch(offset -> offset < 4);
    context.runOnContext(v -> firstOfPartition0.fail("not this time"));
    await()
        .atMost(Duration.ofSeconds(90))
        .until(() -> handledOffsets.getOrDefault(0, List.of()).contains(9L));
    consumer.stop().await(30, TimeUnit.SECONDS);
    assertThat(violations).isEmpty();
    assertThat(handledOffsets.get(1)).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
    List<Long> partition0 = handledOffsets.get(0);
    // The failed batch was handed over again before anything after it, then the rest in order.
    int firstBatch = partition0.lastIndexOf(0L);
    assertThat(firstBatch).isPositive();
    assertThat(partition0.subList(0, firstBatch)).isSorted();
    assertThat(partition0.subList(firstBatch, partition0.size()))
        .containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);

    // Everything handled was committed: a new member of the group starts after it.
    List<ProducerRecord<String, byte[]>> markers = new ArrayList<>();
    markers.addAll(inPartition(topic, 0, "marker0", 1));
    markers.addAll(inPartition(topic, 1, "marker1", 1));
    assertThat(write(writer, context, markers)).containsOnlyNulls();
    List<Long> afterRestart =
        readAsNewMember(topic, group, 4, ConsumerRecord::offset, read -> read.size() >= 2);
    assertThat(afterRestart).containsExactly(10L, 10L);
    writer.close().await();
  }

  private static List<ProducerRecord<String, byte[]>> inPartition(
      String topic, int partition, String prefix, int count) {
    List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
    for (CloudEvent event : events(prefix, 0, count)) {
      ProducerRecord<String, byte[]> record =
          CloudEventRecords.structured(topic, event.subject(), event);
      records.add(
          new ProducerRecord<>(topic, partition, record.key(), record.value(), record.headers()));
    }
    return records;
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

  /** What a new member of {@code group} reads until {@code done} holds; then it leaves. */
  private static <T> List<T> readAsNewMember(
      String topic,
      String group,
      int maxPollRecords,
      Function<ConsumerRecord<String, byte[]>, T> read,
      Predicate<List<T>> done)
      throws Exception {
    List<T> seen = new CopyOnWriteArrayList<>();
    LogConsumer member =
        new LogConsumer(
            settings.consumer("test", group, maxPollRecords),
            List.of(topic),
            vertx.getOrCreateContext(),
            records -> {
              records.forEach(record -> seen.add(read.apply(record)));
              return Future.succeededFuture();
            },
            5000,
            500);
    member.start();
    await().atMost(Duration.ofSeconds(90)).until(() -> done.test(seen));
    member.stop().await(30, TimeUnit.SECONDS);
    return seen;
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
