package io.reflex.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.reflex.common.event.CloudEvent;
import io.reflex.common.json.FieldPaths;
import io.reflex.common.json.JsonTrees;
import io.reflex.common.pattern.PatternMatcher;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import software.amazon.event.ruler.GenericMachine;

/**
 * A gateway's subscriptions matched against one output, as {@code reflex bench} subscribes: each of
 * {@code subscriptions} clients asks for the derived events of its own events ({@code type} and a
 * {@code causationid} prefix). {@code matcher} is {@link PatternMatcher}, which tests such patterns
 * directly; {@code eventRuler} asks event-ruler alone, on the same fields, as the matcher did
 * before. Each output matches one subscription. Not a test. Run: BENCHMARKS.md, "Issue #15
 * (2026-12-04, eighth round)".
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SubscriptionMatchBenchmark {

  @Param({"1", "100", "1000"})
  public int subscriptions;

  private final PatternMatcher<Integer> matcher = new PatternMatcher<>();
  private final GenericMachine<Integer> machine =
      GenericMachine.<Integer>builder().withAdditionalNameStateReuse(true).build();
  private final FieldPaths paths = new FieldPaths();
  private CloudEvent[] outputs;
  private int next;

  @Setup
  public void setUp() throws IOException {
    for (int c = 0; c < subscriptions; c++) {
      String pattern =
          "{\"type\":[\"iot.overheating\"],\"causationid\":[{\"prefix\":\"c" + c + "-\"}]}";
      matcher.add(c, pattern);
      machine.addRule(c, pattern);
    }
    paths.add(new ObjectMapper().readTree("{\"type\":[\"x\"],\"causationid\":[\"x\"]}"));
    outputs = new CloudEvent[1024];
    for (int i = 0; i < outputs.length; i++) {
      outputs[i] =
          CloudEvent.wrap(
              new JsonObject()
                  .put("specversion", "1.0")
                  .put("id", "d-" + i)
                  .put("source", "reflex://router")
                  .put("type", "iot.overheating")
                  .put("subject", "temperature/device-" + (i % 100))
                  .put("time", "2026-12-03T08:00:00.123Z")
                  .put("causationid", "c" + (i % subscriptions) + "-" + i)
                  .put("reflexdepth", 1)
                  .put("ruleid", "overheating")
                  .put("data", new JsonObject().put("celsius", 95).put("message", "hot")));
    }
  }

  @Benchmark
  public List<Integer> matcher() {
    return matcher.match(outputs[next++ & 1023]);
  }

  @Benchmark
  public List<Integer> eventRuler() {
    return machine.rulesForJSONEvent(JsonTrees.of(outputs[next++ & 1023].json(), paths));
  }
}
