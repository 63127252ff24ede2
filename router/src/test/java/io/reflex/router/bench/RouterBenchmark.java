package io.reflex.router.bench;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.reflex.common.event.CloudEvent;
import io.reflex.common.event.LogPosition;
import io.reflex.common.launch.ClusterSettings;
import io.reflex.common.state.HazelcastStateStore;
import io.reflex.common.state.InMemoryStateStore;
import io.reflex.common.state.StateChange;
import io.reflex.common.state.StateSettings;
import io.reflex.common.state.StateUpdate;
import io.reflex.common.testing.FreePort;
import io.reflex.router.rules.CompiledRules;
import io.reflex.router.rules.Matches;
import io.reflex.router.rules.Rule;
import io.reflex.router.rules.RuleParser;
import io.reflex.router.sequence.Outcome;
import io.reflex.router.sequence.RouterTime;
import io.reflex.router.sequence.SequenceBatch;
import io.reflex.router.sequence.SequenceLimits;
import io.reflex.router.sequence.Sequences;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.lang.ref.Reference;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;
import software.amazon.event.ruler.GenericMachine;

/**
 * Router speed, not a test: field-rule matching against bare event-ruler on the same events in the
 * same run, sequence rules over many keys, memory per partial match, and sequence rules against the
 * Hazelcast store next to the cheapest store update. No JMH: indicative on a shared machine.
 *
 * <p>Run: {@code mvn -B -q -pl router -am test-compile dependency:build-classpath
 * -Dmdep.outputFile=target/cp.txt} then {@code java -cp
 * "router/target/classes:router/target/test-classes:$(cat router/target/cp.txt)"
 * io.reflex.router.bench.RouterBenchmark} (BENCHMARKS.md, "Router").
 */
public final class RouterBenchmark {

  private static final int FIELD_RULES = 10_000;
  private static final int SEQUENCE_RULES = 1_000;
  private static final int KEYS = 100_000;
  private static final int EVENTS = 200_000;
  private static final int ROUNDS = 5;

  private RouterBenchmark() {}

  /** Runs every part, or only {@code fields}, {@code sequences} or {@code store} when named. */
  public static void main(String[] args) throws Exception {
    String only = args.length > 0 ? args[0] : "";
    if (only.isEmpty() || only.equals("fields")) {
      fieldRules();
    }
    if (only.isEmpty() || only.equals("sequences")) {
      sequenceRules();
      memoryPerPartial();
    }
    if (only.isEmpty() || only.equals("store")) {
      clusteredStore();
    }
  }

  /** CPU time of this thread: on a shared machine wall time also counts other people's work. */
  private static long cpu() {
    return CPU.getCurrentThreadCpuTime();
  }

  private static final java.lang.management.ThreadMXBean CPU =
      java.lang.management.ManagementFactory.getThreadMXBean();

  /**
   * 10,000 rules of mixed kinds (exact, prefix, numeric, anything-but); every event matches a
   * handful.
   */
  private static void fieldRules() throws Exception {
    JsonArray rules = new JsonArray();
    for (int i = 0; i < FIELD_RULES; i++) {
      JsonObject pattern = new JsonObject().put("type", new JsonArray().add("t" + (i % 200)));
      switch (i % 4) {
        case 0 -> pattern.put("subject", new JsonArray().add("s" + (i % 1000)));
        case 1 ->
            pattern.put(
                "subject", new JsonArray().add(new JsonObject().put("prefix", "s" + (i % 100))));
        case 2 ->
            pattern.put(
                "data",
                new JsonObject()
                    .put(
                        "value",
                        new JsonArray()
                            .add(
                                new JsonObject()
                                    .put("numeric", new JsonArray().add(">").add(i % 100)))));
        default ->
            pattern.put(
                "data",
                new JsonObject()
                    .put(
                        "region",
                        new JsonArray().add(new JsonObject().put("anything-but", "r" + (i % 10)))));
      }
      rules.add(
          new JsonObject()
              .put("id", "r" + i)
              .put("pattern", pattern)
              .put("actions", new JsonArray().add(new JsonObject().put("deliver", "anomaly"))));
    }
    long start = System.nanoTime();
    long startCpu = cpu();
    CompiledRules compiled =
        new CompiledRules(RuleParser.parse(new JsonObject().put("rules", rules)), "bench");
    System.out.printf(
        "field rules: %d compiled in %.1f s (%.1f CPU-s)%n",
        FIELD_RULES, (System.nanoTime() - start) / 1e9, (cpu() - startCpu) / 1e9);
    // Built as the router's PatternMatcher builds its machine, so the ratio is the cost of the
    // router's own layer.
    GenericMachine<String> bare =
        GenericMachine.<String>builder().withAdditionalNameStateReuse(true).build();
    for (Rule rule : compiled.rules()) {
      bare.addRule(rule.id(), rule.pattern());
    }

    Random random = new Random(42);
    List<String> events = new ArrayList<>();
    List<JsonObject> parsed = new ArrayList<>();
    for (int i = 0; i < 50_000; i++) {
      events.add(
          new JsonObject()
              .put("specversion", "1.0")
              .put("id", "e" + i)
              .put("source", "bench://x")
              .put("type", "t" + random.nextInt(200))
              .put("subject", "s" + random.nextInt(1000))
              .put("time", "2026-01-01T00:00:00Z")
              .put(
                  "data",
                  new JsonObject()
                      .put("value", random.nextInt(100))
                      .put("region", "r" + random.nextInt(10))
                      .put("note", "a few more bytes so the event looks like one"))
              .encode());
      parsed.add(new JsonObject(events.get(i)));
    }
    long matches = 0;
    double bareBest = 0;
    double routerBest = 0;
    for (int round = 0; round < ROUNDS; round++) {
      // Both sides run in every round on the same events; each keeps its best round (the least
      // disturbed).
      long t0 = cpu();
      for (String event : events) {
        matches += bare.rulesForJSONEvent(event).size();
      }
      long t1 = cpu();
      // The router matches events parsed at the edge: each gets its tree built here, as each event
      // in the mesh does.
      for (JsonObject event : parsed) {
        Matches found = compiled.match(CloudEvent.wrap(event));
        matches -= found.rules().size();
      }
      long t2 = cpu();
      bareBest = Math.max(bareBest, events.size() / ((t1 - t0) / 1e9));
      routerBest = Math.max(routerBest, events.size() / ((t2 - t1) / 1e9));
    }
    if (matches != 0) {
      throw new IllegalStateException(
          "the router and bare event-ruler disagree on " + matches + " matches");
    }
    System.out.printf(
        "field rules: bare event-ruler %.0f events/CPU-s, router %.0f events/CPU-s, ratio %.2f%n",
        bareBest, routerBest, routerBest / bareBest);
  }

  /**
   * 1,000 two-step sequence rules (a step then another within 10 minutes, by subject) over 100,000
   * keys; each event matches a step of two rules. Steps, state bytes and matches all go through the
   * router's code and the store, in batches as the router gets them: of one event, and of 100
   * (random keys, so hardly any key repeats in a batch).
   */
  private static void sequenceRules() {
    CompiledRules compiled = sequenceRuleSet();
    List<CloudEvent> events = sequenceEvents(EVENTS, KEYS, 1);
    for (int batchSize : new int[] {1, 100}) {
      double best = 0;
      double wallBest = 0;
      long fired = 0;
      long updates = 0;
      for (int round = 0; round < 3; round++) {
        Sequences sequences = new Sequences(new InMemoryStateStore(), LIMITS);
        long[] completed = new long[1];
        long sent = 0;
        long t0 = cpu();
        long w0 = System.nanoTime();
        for (int from = 0; from < EVENTS; from += batchSize) {
          for (Sequences.Update update :
              route(compiled, sequences, events.subList(from, from + batchSize))) {
            update.outcome().onSuccess(outcome -> completed[0] += outcome.matches().size());
            sent++;
          }
        }
        long t1 = cpu();
        wallBest = Math.max(wallBest, EVENTS / ((System.nanoTime() - w0) / 1e9));
        best = Math.max(best, EVENTS / ((t1 - t0) / 1e9));
        fired = completed[0];
        updates = sent;
      }
      System.out.printf(
          "sequence rules: %d rules, %d keys, %d events in batches of %d: %.0f events/CPU-s "
              + "(%.0f events/s wall), %d store updates, %d matches%n",
          SEQUENCE_RULES, KEYS, EVENTS, batchSize, best, wallBest, updates, fired);
    }
  }

  private static final SequenceLimits LIMITS = new SequenceLimits(16, 5_000);

  private static CompiledRules sequenceRuleSet() {
    JsonArray rules = new JsonArray();
    for (int i = 0; i < SEQUENCE_RULES; i++) {
      rules.add(
          new JsonObject()
              .put("id", "s" + i)
              .put("by", "subject")
              .put("within", "10m")
              .put(
                  "steps",
                  new JsonArray()
                      .add(
                          new JsonObject()
                              .put(
                                  "pattern",
                                  new JsonObject()
                                      .put("type", new JsonArray().add("a" + (i % 500)))))
                      .add(
                          new JsonObject()
                              .put(
                                  "pattern",
                                  new JsonObject()
                                      .put("type", new JsonArray().add("b" + (i % 500))))))
              .put(
                  "actions",
                  new JsonArray()
                      .add(new JsonObject().put("emit", new JsonObject().put("type", "x")))));
    }
    return new CompiledRules(RuleParser.parse(new JsonObject().put("rules", rules)), "bench");
  }

  /** Events over {@code keys} keys, {@code burst} events of one key and type in a row. */
  private static List<CloudEvent> sequenceEvents(int count, int keys, int burst) {
    Random random = new Random(7);
    List<CloudEvent> events = new ArrayList<>(count);
    long time = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
    String type = null;
    String key = null;
    for (int i = 0; i < count; i++) {
      if (i % burst == 0) {
        type = (random.nextInt(4) == 0 ? "b" : "a") + random.nextInt(500);
        key = "key-" + random.nextInt(keys);
      }
      JsonObject json =
          new JsonObject()
              .put("specversion", "1.0")
              .put("id", "q" + i)
              .put("source", "bench://x")
              .put("type", type)
              .put("subject", key)
              .put("time", Instant.ofEpochMilli(time + i).toString())
              .put("data", new JsonObject().put("value", random.nextInt(100)));
      events.add(CloudEvent.wrap(json, json.encode()));
    }
    return events;
  }

  /**
   * What the router does with one incoming batch, minus the actions: match, gather the steps, one
   * update per key.
   */
  private static List<Sequences.Update> route(
      CompiledRules compiled, Sequences sequences, List<CloudEvent> batch) {
    SequenceBatch steps = new SequenceBatch();
    long eventTime = Long.MIN_VALUE;
    for (CloudEvent event : batch) {
      eventTime = Math.max(eventTime, event.timeMillis());
      for (Matches.StepHits hits : compiled.match(event).sequences()) {
        steps.add(hits.rule(), event, LogPosition.NONE, hits.steps());
      }
    }
    return sequences.advance(steps, new RouterTime(eventTime, 0));
  }

  /**
   * Heap held by the store per partial match, measured as the heap growth from an empty store to a
   * full one (called from main, so that no frame still holds an earlier part's store).
   */
  private static void memoryPerPartial() {
    CompiledRules compiled = sequenceRuleSet();
    List<CloudEvent> events = sequenceEvents(EVENTS, KEYS, 1);
    long before = usedHeap();
    InMemoryStateStore store = new InMemoryStateStore();
    Sequences sequences = new Sequences(store, LIMITS);
    Map<String, Integer> perEntry = new HashMap<>();
    for (CloudEvent event : events) {
      for (Sequences.Update update : route(compiled, sequences, List.of(event))) {
        Outcome outcome = update.outcome().result();
        perEntry.put(update.rule().id() + "/" + outcome.key(), outcome.partials());
      }
    }
    long partials = perEntry.values().stream().mapToLong(Integer::longValue).sum();
    perEntry = null;
    long after = usedHeap();
    System.out.printf(
        "memory: %d partial matches in %d store entries, %.0f bytes of heap per partial match%n",
        partials, store.size(Sequences.STATE_MAP).result(), (after - before) / (double) partials);
    // Alive until here, or the collector frees them between the two heap readings.
    Reference.reachabilityFence(events);
    Reference.reachabilityFence(compiled);
  }

  /**
   * The same router code against the Hazelcast store, as in a cluster: a data member and a lite
   * member (the router) in this JVM, talking over loopback TCP. 20,000 events over 1,000 keys come
   * in bursts of 10 events of one key and type (a device sending a few readings at once); each
   * event matches a step of 2 rules. First one event at a time, awaited (the round trip), then with
   * up to 256 updates in flight: one event per batch, then batches of 50 (5 bursts), where one
   * update per rule and key carries the burst. Same-run baseline: as many of the cheapest possible
   * updates (8 bytes, no event) through the same store. CPU is the whole process's: both members,
   * serialisation included.
   */
  private static void clusteredStore() throws Exception {
    CompiledRules compiled = sequenceRuleSet();
    int count = 20_000;
    List<CloudEvent> events = sequenceEvents(count, 1_000, 10);
    int[] ports = {FreePort.find(), FreePort.find()};
    JsonObject cluster =
        new JsonObject()
            .put("name", "bench-" + System.nanoTime())
            .put("host", "127.0.0.1")
            .put("members", "127.0.0.1:" + ports[0] + ",127.0.0.1:" + ports[1]);
    HazelcastInstance data =
        Hazelcast.newHazelcastInstance(
            ClusterSettings.hazelcast(
                cluster.copy().put("port", ports[0]), StateSettings.none(), false));
    HazelcastInstance lite =
        Hazelcast.newHazelcastInstance(
            ClusterSettings.hazelcast(
                cluster.copy().put("port", ports[1]), StateSettings.none(), true));
    Vertx vertx = Vertx.vertx();
    try {
      HazelcastStateStore store = new HazelcastStateStore(vertx, lite);
      Sequences sequences = new Sequences(store, LIMITS);
      long[] roundTrips = new long[2_000];
      for (int i = 0; i < roundTrips.length; i++) {
        long t0 = System.nanoTime();
        for (Sequences.Update update : route(compiled, sequences, events.subList(i, i + 1))) {
          update.outcome().await();
        }
        roundTrips[i] = System.nanoTime() - t0;
      }
      Arrays.sort(roundTrips);
      System.out.printf(
          "clustered store: one event at a time, match + update round trip p50 %.0f us, p99 %.0f us "
              + "(%d events)%n",
          roundTrips[roundTrips.length / 2] / 1e3,
          roundTrips[roundTrips.length * 99 / 100] / 1e3,
          roundTrips.length);
      for (int round = 0; round < 2; round++) {
        for (int batchSize : new int[] {1, 50}) {
          int size = batchSize;
          inFlight(
              "batches of " + size,
              count,
              count / size,
              batch ->
                  route(compiled, sequences, events.subList(batch * size, batch * size + size))
                      .stream()
                      .<Future<?>>map(Sequences.Update::outcome)
                      .toList());
        }
        inFlight(
            "baseline, 2 updates of 8 bytes per event",
            count,
            count,
            event ->
                List.of(
                    store.update("bench", "key-" + event % 1_000, new Touch()),
                    store.update("bench", "key-" + (event + 500) % 1_000, new Touch())));
      }
    } finally {
      vertx.close().await();
      lite.shutdown();
      data.shutdown();
    }
  }

  /**
   * Sends the batches one after the other, at most {@value #IN_FLIGHT} updates outstanding, as a
   * busy router would.
   */
  private static void inFlight(
      String what, int events, int batches, IntFunction<List<Future<?>>> send) {
    long c0 = PROCESS.getProcessCpuTime();
    long w0 = System.nanoTime();
    List<Future<?>> outstanding = new ArrayList<>();
    long updates = 0;
    for (int batch = 0; batch < batches; batch++) {
      List<Future<?>> sent = send.apply(batch);
      outstanding.addAll(sent);
      updates += sent.size();
      if (outstanding.size() >= IN_FLIGHT || batch == batches - 1) {
        Future.all(outstanding).await();
        outstanding.clear();
      }
    }
    double wall = (System.nanoTime() - w0) / 1e9;
    System.out.printf(
        "clustered store: %d events, %s: %d updates, %.0f events/s wall, %.0f process CPU-us per event%n",
        events, what, updates, events / wall, (PROCESS.getProcessCpuTime() - c0) / 1e3 / events);
  }

  private static final int IN_FLIGHT = 256;

  /** The cheapest update there is: 8 bytes written, nothing read. */
  private record Touch() implements StateUpdate<Integer> {
    @Override
    public StateChange<Integer> apply(byte[] current) {
      return new StateChange<>(new byte[8], 0);
    }
  }

  private static final com.sun.management.OperatingSystemMXBean PROCESS =
      (com.sun.management.OperatingSystemMXBean)
          java.lang.management.ManagementFactory.getOperatingSystemMXBean();

  private static long usedHeap() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    Runtime runtime = Runtime.getRuntime();
    return runtime.totalMemory() - runtime.freeMemory();
  }
}
