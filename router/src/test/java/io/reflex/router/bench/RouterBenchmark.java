package io.reflex.router.bench;

import io.reflex.common.event.CloudEvent;
import io.reflex.common.state.InMemoryStateStore;
import io.reflex.router.rules.CompiledRules;
import io.reflex.router.rules.Matches;
import io.reflex.router.rules.Rule;
import io.reflex.router.rules.RuleParser;
import io.reflex.router.sequence.Outcome;
import io.reflex.router.sequence.SequenceLimits;
import io.reflex.router.sequence.Sequences;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import software.amazon.event.ruler.GenericMachine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Router speed, not a test: field-rule matching against bare event-ruler on the same events in the same run, sequence
 * rules over many keys, and memory per partial match. Single thread, no JMH: indicative on a shared machine.
 *
 * <p>Run: {@code mvn -B -q -pl router -am test-compile} then
 * {@code java -cp "router/target/classes:router/target/test-classes:common/target/classes:$(cat router/target/cp.txt)"
 * io.reflex.router.bench.RouterBenchmark} (see BENCHMARKS.md for the exact command).
 */
public final class RouterBenchmark {

  private static final int FIELD_RULES = 10_000;
  private static final int SEQUENCE_RULES = 1_000;
  private static final int KEYS = 100_000;
  private static final int EVENTS = 200_000;
  private static final int ROUNDS = 5;

  private RouterBenchmark() {
  }

  /** Runs both parts, or only {@code fields} or {@code sequences} when named. */
  public static void main(String[] args) throws Exception {
    String only = args.length > 0 ? args[0] : "";
    if (!only.equals("sequences")) {
      fieldRules();
    }
    if (!only.equals("fields")) {
      sequenceRules();
    }
  }

  /** CPU time of this thread: on a shared machine wall time also counts other people's work. */
  private static long cpu() {
    return CPU.getCurrentThreadCpuTime();
  }

  private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

  /** 10,000 rules of mixed kinds (exact, prefix, numeric, anything-but); every event matches a handful. */
  private static void fieldRules() throws Exception {
    JsonArray rules = new JsonArray();
    for (int i = 0; i < FIELD_RULES; i++) {
      JsonObject pattern = new JsonObject().put("type", new JsonArray().add("t" + (i % 200)));
      switch (i % 4) {
        case 0 -> pattern.put("subject", new JsonArray().add("s" + (i % 1000)));
        case 1 -> pattern.put("subject", new JsonArray().add(new JsonObject().put("prefix", "s" + (i % 100))));
        case 2 -> pattern.put("data", new JsonObject().put("value",
            new JsonArray().add(new JsonObject().put("numeric", new JsonArray().add(">").add(i % 100)))));
        default -> pattern.put("data", new JsonObject().put("region",
            new JsonArray().add(new JsonObject().put("anything-but", "r" + (i % 10)))));
      }
      rules.add(new JsonObject().put("id", "r" + i).put("pattern", pattern)
          .put("actions", new JsonArray().add(new JsonObject().put("deliver", "anomaly"))));
    }
    long start = System.nanoTime();
    long startCpu = cpu();
    CompiledRules compiled = new CompiledRules(RuleParser.parse(new JsonObject().put("rules", rules)), "bench");
    System.out.printf("field rules: %d compiled in %.1f s (%.1f CPU-s)%n", FIELD_RULES,
        (System.nanoTime() - start) / 1e9, (cpu() - startCpu) / 1e9);
    // Built as the router's PatternMatcher builds its machine, so the ratio is the cost of the router's own layer.
    GenericMachine<String> bare = GenericMachine.<String>builder().withAdditionalNameStateReuse(true).build();
    for (Rule rule : compiled.rules()) {
      bare.addRule(rule.id(), rule.pattern());
    }

    Random random = new Random(42);
    List<String> events = new ArrayList<>();
    for (int i = 0; i < 50_000; i++) {
      events.add(new JsonObject().put("specversion", "1.0").put("id", "e" + i).put("source", "bench://x")
          .put("type", "t" + random.nextInt(200)).put("subject", "s" + random.nextInt(1000))
          .put("time", "2026-01-01T00:00:00Z")
          .put("data", new JsonObject().put("value", random.nextInt(100)).put("region", "r" + random.nextInt(10))
              .put("note", "a few more bytes so the event looks like one")).encode());
    }
    long matches = 0;
    double bareBest = 0;
    double routerBest = 0;
    for (int round = 0; round < ROUNDS; round++) {
      // Both sides run in every round on the same events; each keeps its best round (the least disturbed).
      long t0 = cpu();
      for (String event : events) {
        matches += bare.rulesForJSONEvent(event).size();
      }
      long t1 = cpu();
      for (String event : events) {
        Matches found = compiled.match(event);
        matches -= found.rules().size();
      }
      long t2 = cpu();
      bareBest = Math.max(bareBest, events.size() / ((t1 - t0) / 1e9));
      routerBest = Math.max(routerBest, events.size() / ((t2 - t1) / 1e9));
    }
    if (matches != 0) {
      throw new IllegalStateException("the router and bare event-ruler disagree on " + matches + " matches");
    }
    System.out.printf("field rules: bare event-ruler %.0f events/CPU-s, router %.0f events/CPU-s, ratio %.2f%n",
        bareBest, routerBest, routerBest / bareBest);
  }

  /**
   * 1,000 two-step sequence rules (a step then another within 10 minutes, by subject) over 100,000 keys; each event
   * matches a step of two rules. Steps, state bytes and matches all go through the router's code and the store.
   */
  private static void sequenceRules() {
    JsonArray rules = new JsonArray();
    for (int i = 0; i < SEQUENCE_RULES; i++) {
      rules.add(new JsonObject().put("id", "s" + i).put("by", "subject").put("within", "10m")
          .put("steps", new JsonArray()
              .add(new JsonObject().put("pattern", new JsonObject().put("type", new JsonArray().add("a" + (i % 500)))))
              .add(new JsonObject().put("pattern", new JsonObject().put("type", new JsonArray().add("b" + (i % 500))))))
          .put("actions", new JsonArray().add(new JsonObject().put("emit", new JsonObject().put("type", "x")))));
    }
    CompiledRules compiled = new CompiledRules(RuleParser.parse(new JsonObject().put("rules", rules)), "bench");
    Random random = new Random(7);
    List<CloudEvent> events = new ArrayList<>(EVENTS);
    long time = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
    for (int i = 0; i < EVENTS; i++) {
      JsonObject json = new JsonObject().put("specversion", "1.0").put("id", "q" + i).put("source", "bench://x")
          .put("type", (random.nextInt(4) == 0 ? "b" : "a") + random.nextInt(500))
          .put("subject", "key-" + random.nextInt(KEYS))
          .put("time", Instant.ofEpochMilli(time + i).toString())
          .put("data", new JsonObject().put("value", random.nextInt(100)));
      events.add(CloudEvent.wrap(json, json.encode()));
    }
    double best = 0;
    double wallBest = 0;
    long fired = 0;
    InMemoryStateStore store = null;
    for (int round = 0; round < 3; round++) {
      store = new InMemoryStateStore();
      Sequences sequences = new Sequences(store, new SequenceLimits(16, 5_000));
      long[] completed = new long[1];
      long t0 = cpu();
      long w0 = System.nanoTime();
      for (CloudEvent event : events) {
        for (Matches.StepHits hits : compiled.match(event.encode()).sequences()) {
          sequences.offer(hits.rule(), event, hits.steps()).onSuccess(outcome -> completed[0] += outcome.matches().size());
        }
      }
      long t1 = cpu();
      wallBest = Math.max(wallBest, EVENTS / ((System.nanoTime() - w0) / 1e9));
      best = Math.max(best, EVENTS / ((t1 - t0) / 1e9));
      fired = completed[0];
    }
    System.out.printf("sequence rules: %d rules, %d keys, %d events: %.0f events/CPU-s (%.0f events/s wall), %d matches%n",
        SEQUENCE_RULES, KEYS, EVENTS, best, wallBest, fired);
    memoryPerPartial(compiled, events);
  }

  /** Heap held by the store per partial match, measured as the heap growth from an empty store to a full one. */
  private static void memoryPerPartial(CompiledRules compiled, List<CloudEvent> events) {
    long before = usedHeap();
    InMemoryStateStore store = new InMemoryStateStore();
    Sequences sequences = new Sequences(store, new SequenceLimits(16, 5_000));
    long[] partials = new long[1];
    java.util.Map<String, Integer> perEntry = new java.util.HashMap<>();
    for (CloudEvent event : events) {
      for (Matches.StepHits hits : compiled.match(event.encode()).sequences()) {
        Outcome outcome = sequences.offer(hits.rule(), event, hits.steps()).result();
        perEntry.put(hits.rule().id() + "/" + outcome.key(), outcome.partials());
      }
    }
    partials[0] = perEntry.values().stream().mapToLong(Integer::longValue).sum();
    perEntry.clear();
    perEntry = null;
    long after = usedHeap();
    System.out.printf("memory: %d partial matches in %d store entries, %.0f bytes of heap per partial match%n",
        partials[0], store.size(Sequences.STATE_MAP).result(), (after - before) / (double) partials[0]);
  }

  private static long usedHeap() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    Runtime runtime = Runtime.getRuntime();
    return runtime.totalMemory() - runtime.freeMemory();
  }
}
