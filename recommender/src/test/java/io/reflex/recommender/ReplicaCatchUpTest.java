package io.reflex.recommender;

import static org.assertj.core.api.Assertions.assertThat;

import io.reflex.common.bus.Addresses;
import io.reflex.common.event.CloudEvent;
import io.reflex.common.event.EventBatch;
import io.reflex.common.launch.Mesh;
import io.reflex.common.launch.MeshLauncher;
import io.reflex.common.testing.FreePort;
import io.reflex.common.testing.LoopbackMembers;
import io.reflex.recommender.model.Interaction;
import io.reflex.recommender.sim.ShopperSimulator;
import io.reflex.recommender.sim.SimulatorSettings;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two recommender replicas as separate Hazelcast-clustered meshes (TCP/IP on 127.0.0.1, as the
 * launcher configures them): the second starts while the first runs and events keep flowing; their
 * models are read through each replica's own /metrics.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicaCatchUpTest {

  private static final String SOURCE = "urn:test:shop";
  private static final int[] HAZELCAST = {FreePort.find(), FreePort.find()};
  private static final int[] OPS = {FreePort.find(), FreePort.find()};
  private static final String CLUSTER = "replica-test-" + System.nanoTime();
  private static final Iterator<Interaction> SHOPPERS =
      new ShopperSimulator(SimulatorSettings.defaults(31));
  private static final List<EventBatch> SENT = new ArrayList<>();
  private static final Set<String> USERS = new HashSet<>();

  private static Mesh first;
  private static Mesh second;
  private static Context publisher;
  private static Vertx clients;
  private static HttpClient http;
  private static int sent;

  @BeforeAll
  static void startFirstReplica() {
    first = start(0);
    publisher =
        first
            .vertx()
            .getOrCreateContext(); // one context, so batches leave in the order they are sent
    clients = Vertx.vertx();
    http = clients.createHttpClient();
  }

  @AfterAll
  static void stop() {
    clients.close().await();
    for (Mesh mesh : new Mesh[] {second, first}) {
      if (mesh != null) {
        mesh.close().await();
      }
    }
  }

  private static Mesh start(int node) {
    JsonObject overrides =
        new JsonObject()
            .put("cluster", LoopbackMembers.member(CLUSTER, HAZELCAST, node))
            .put("ops", new JsonObject().put("port", OPS[node]))
            .put("recommender", new JsonObject().put("ownersRefreshMillis", 200));
    return await(
        MeshLauncher.start(new MeshLauncher.Options(true, List.of("recommender"), null, overrides)),
        120);
  }

  private static <T> T await(Future<T> future, int seconds) {
    try {
      return future.await(seconds, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException("no answer within " + seconds + " s", e);
    }
  }

  @Test
  @Order(1)
  @DisplayName(
      "a replica that starts while another runs copies its model, learns the events sent meanwhile exactly "
          + "once, and answers every shopper like it")
  void aJoiningReplicaCatchesUp() {
    sendBatches(60, 50);
    awaitMetric(0, "reflex_recommender_model_events", sent);

    CompletableFuture<Mesh> starting = CompletableFuture.supplyAsync(() -> start(1));
    int duringStart = 0;
    while (!starting.isDone() && duringStart < 400) {
      sendBatches(1, 10); // keep events flowing while the second replica joins and copies the model
      duringStart++;
      pause(25);
    }
    second = starting.join();
    sendBatches(20, 25);

    awaitMetric(0, "reflex_recommender_model_events", sent);
    awaitMetric(1, "reflex_recommender_model_events", sent);
    for (String user : USERS.stream().sorted().limit(40).toList()) {
      Set<JsonArray> answers = new HashSet<>();
      for (int ask = 0; ask < 4; ask++) { // requests go round-robin over the two replicas
        answers.add(
            await(
                    first
                        .vertx()
                        .eventBus()
                        .<JsonObject>request(
                            Addresses.RECOMMENDER_RECOMMEND,
                            new JsonObject().put("user", user).put("n", 10)),
                    10)
                .body()
                .getJsonArray("items"));
      }
      assertThat(answers).as("lists for %s", user).hasSize(1);
      assertThat(answers.iterator().next()).isNotEmpty();
    }
    assertThat(metric(1, "reflex_recommender_model_events")).isEqualTo(sent);
    assertThat(metric(1, "reflex_recommender_learned_events_total"))
        .as("events the second replica learned itself; the rest came with the copy")
        .isPositive()
        .isLessThan(sent);
  }

  @Test
  @Order(2)
  @DisplayName(
      "an event delivered again is skipped by every replica: learning is idempotent by (source, id)")
  void aRepeatedEventIsLearnedOnce() {
    double repeatedFirst = metric(0, "reflex_recommender_repeated_events_total");
    double repeatedSecond = metric(1, "reflex_recommender_repeated_events_total");
    EventBatch again = SENT.get(SENT.size() - 1);

    send(again);

    awaitMetric(0, "reflex_recommender_repeated_events_total", repeatedFirst + again.size());
    awaitCondition(
        () ->
            metric(1, "reflex_recommender_repeated_events_total") >= repeatedSecond + again.size());
    assertThat(metric(0, "reflex_recommender_model_events")).isEqualTo(sent);
    assertThat(metric(1, "reflex_recommender_model_events")).isEqualTo(sent);
  }

  @Test
  @Order(3)
  @DisplayName(
      "each shopper's recommendation is pushed once, by the replica that owns the shopper, not once per "
          + "replica")
  void eachPushGoesOutOnce() {
    Map<String, AtomicInteger> pushes = new ConcurrentHashMap<>();
    await(
        first
            .vertx()
            .eventBus()
            .<EventBatch>consumer(
                Addresses.GATEWAY_OUTPUT,
                message -> {
                  for (CloudEvent output : message.body().events()) {
                    if (output.type().equals(RecommenderVerticle.RECOMMENDATION)) {
                      pushes
                          .computeIfAbsent(output.causationId(), id -> new AtomicInteger())
                          .incrementAndGet();
                    }
                  }
                })
            .completion(),
        10);
    int newShoppers = 40;
    double[] byReplica = new double[2];
    for (int round = 0; round < 50; round++) { // until both replicas list each other as owners
      byReplica = pushesForNewShoppers("round" + round, newShoppers);
      if (byReplica[0] + byReplica[1] == newShoppers) {
        break;
      }
      pause(200);
    }
    List<String> causes = new ArrayList<>();
    byReplica = pushesForNewShoppers("final", newShoppers, causes);

    assertThat(byReplica[0] + byReplica[1]).isEqualTo(newShoppers);
    assertThat(byReplica[0]).as("pushed by the first replica").isPositive();
    assertThat(byReplica[1]).as("pushed by the second replica").isPositive();
    awaitCondition(() -> causes.stream().allMatch(pushes::containsKey));
    assertThat(causes)
        .allSatisfy(cause -> assertThat(pushes.get(cause).get()).as(cause).isEqualTo(1));
  }

  /**
   * One first event for each of {@code count} new shoppers; the pushes each replica made for them.
   */
  private static double[] pushesForNewShoppers(String prefix, int count, List<String> causes) {
    double before0 = metric(0, "reflex_recommender_pushed_recommendations_total");
    double before1 = metric(1, "reflex_recommender_pushed_recommendations_total");
    List<CloudEvent> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      CloudEvent event =
          event(prefix + "-" + i, prefix + "-shopper-" + i, "p1", System.currentTimeMillis());
      events.add(event);
      causes.add(event.id());
    }
    send(new EventBatch(events));
    awaitMetric(0, "reflex_recommender_model_events", sent);
    awaitMetric(1, "reflex_recommender_model_events", sent);
    return new double[] {
      metric(0, "reflex_recommender_pushed_recommendations_total") - before0,
      metric(1, "reflex_recommender_pushed_recommendations_total") - before1
    };
  }

  private static double[] pushesForNewShoppers(String prefix, int count) {
    return pushesForNewShoppers(prefix, count, new ArrayList<>());
  }

  private static void sendBatches(int batches, int size) {
    for (int b = 0; b < batches; b++) {
      List<CloudEvent> events = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        Interaction e = SHOPPERS.next();
        USERS.add(e.user());
        events.add(event("e-" + (sent + events.size()), e.user(), e.item(), e.timeMillis()));
      }
      send(new EventBatch(events));
    }
  }

  private static CloudEvent event(String id, String user, String item, long time) {
    return CloudEvent.builder()
        .id(id)
        .source(SOURCE)
        .type("shop.view")
        .time(time)
        .data(new JsonObject().put("user", user).put("item", item))
        .build();
  }

  private static void send(EventBatch batch) {
    if (!SENT.contains(batch)) {
      SENT.add(batch);
      sent += batch.size();
    }
    publisher.runOnContext(
        v -> first.vertx().eventBus().publish(Addresses.RECOMMENDER_LEARN, batch));
  }

  private static double metric(int node, String name) {
    String text =
        await(
                http.request(HttpMethod.GET, OPS[node], "127.0.0.1", "/metrics")
                    .compose(request -> request.send().compose(response -> response.body())),
                10)
            .toString();
    Matcher value = Pattern.compile("(?m)^" + name + "(\\{[^}]*})? (\\S+)$").matcher(text);
    return value.find() ? Double.parseDouble(value.group(2)) : 0;
  }

  private static void awaitMetric(int node, String name, double expected) {
    awaitCondition(() -> metric(node, name) == expected);
    assertThat(metric(node, name))
        .as(String.format(Locale.ROOT, "%s on replica %d", name, node + 1))
        .isEqualTo(expected);
  }

  /**
   * Polls until the condition holds; gives up (and the assertion after it fails) after a minute.
   */
  private static void awaitCondition(BooleanSupplier condition) {
    long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!condition.getAsBoolean() && System.nanoTime() < giveUp) {
      pause(100);
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
