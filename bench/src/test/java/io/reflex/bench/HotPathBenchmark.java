package io.reflex.bench;

import io.reflex.common.config.YamlDocument;
import io.reflex.common.event.CloudEvent;
import io.reflex.common.event.EventIds;
import io.reflex.common.event.EventValidator;
import io.reflex.common.json.BoundedJson;
import io.reflex.common.pattern.PatternMatcher;
import io.reflex.router.action.Action;
import io.reflex.router.action.Emit;
import io.reflex.router.rules.CompiledRules;
import io.reflex.router.rules.Matches;
import io.reflex.router.rules.Rule;
import io.reflex.router.rules.RuleParser;
import io.reflex.router.rules.RulesSource;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The per-event work of the telemetry path, in one thread and without the event bus or sockets: a
 * publish frame is parsed into an event, validated and matched against the bundled rules; the
 * {@code overheating} rule derives its event; both outputs (the derived event and the anomaly
 * service's {@code reflex.anomaly.scored}) pass the router's rules again and a gateway's
 * subscriptions, and the derived event is written as a push frame. {@code -prof gc} gives the bytes
 * allocated per event ({@code gc.alloc.rate.norm}), which unlike time does not depend on what else
 * the machine runs. Not a test. Run: BENCHMARKS.md, "Per-event hot path".
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class HotPathBenchmark {

  private final BoundedJson json = BoundedJson.forEvents();
  private final EventValidator validator = new EventValidator(65_536);
  private final PatternMatcher<String> subscriptions = new PatternMatcher<>();
  private CompiledRules rules;
  private Rule overheating;
  private Emit derive;
  private String[] frames;
  private int next;

  @Setup
  public void setUp() throws IOException {
    try (InputStream bundled =
        RulesSource.class.getClassLoader().getResourceAsStream(RulesSource.BUNDLED)) {
      String yaml = new String(bundled.readAllBytes(), StandardCharsets.UTF_8);
      rules =
          new CompiledRules(RuleParser.parse(YamlDocument.parse("bundled rules", yaml)), "bench");
    }
    overheating =
        rules.rules().stream()
            .filter(rule -> rule.id().equals("overheating"))
            .findFirst()
            .orElseThrow();
    for (Action action : overheating.actions()) {
      if (action instanceof Emit emit) {
        derive = emit;
      }
    }
    // What `reflex bench` and the dashboard subscribe to.
    subscriptions.add(
        "alerts", "{\"type\":[\"iot.overheating\",\"reflex.anomaly.detected\",\"ops.alert\"]}");
    frames = new String[1024];
    for (int i = 0; i < frames.length; i++) {
      frames[i] =
          "{\"op\":\"publish\",\"ref\":"
              + i
              + ",\"events\":[{\"specversion\":\"1.0\",\"id\":\"e-"
              + i
              + "\",\"source\":\"bench://telemetry\",\"type\":\"reflex.metric\",\"subject\":\"temperature/device-"
              + (i % 100)
              + "\",\"time\":\"2026-12-03T08:00:"
              + String.format("%02d", i % 60)
              + ".123Z\","
              + "\"data\":{\"value\":"
              + (91 + i % 7)
              + ",\"unit\":\"celsius\",\"site\":\"plant-3\"}}]}";
    }
  }

  /** A publish frame of one event, from text to a validated event matched against the rules. */
  @Benchmark
  public Matches parseValidateMatch() {
    CloudEvent event = parse(frames[next++ & 1023]);
    if (validator.validate(event) != null) {
      throw new IllegalStateException("invalid");
    }
    return rules.match(event);
  }

  /**
   * All of the above, then the derived event and the scored point through the router and a gateway,
   * pushed.
   */
  @Benchmark
  public void perEvent(Blackhole sink) {
    CloudEvent event = parse(frames[next++ & 1023]);
    sink.consume(validator.validate(event));
    sink.consume(rules.match(event));
    CloudEvent derived = derive.derive(overheating.id(), event, event.json());
    for (CloudEvent output : List.of(derived, scored(event))) {
      sink.consume(rules.match(output));
      if (!subscriptions.match(output).isEmpty()) {
        sink.consume("{\"op\":\"event\",\"sub\":\"alerts\",\"event\":" + output.encode() + "}");
      }
    }
  }

  /** The point's score as the anomaly service writes it. */
  private static CloudEvent scored(CloudEvent point) {
    long time = point.timeMillis();
    return CloudEvent.builder()
        .id(EventIds.derived("reflex.anomaly.scored/metrics/" + time, point))
        .source("reflex://anomaly")
        .type("reflex.anomaly.scored")
        .subject(point.subject())
        .time(time)
        .causedBy(point)
        .data(
            new JsonObject()
                .put("series", point.subject())
                .put("group", "metrics")
                .put("value", point.dataObject().getValue("value"))
                .put("score", 0.12)
                .put("expected", new JsonObject().put("low", 20.5).put("high", 80.25)))
        .build();
  }

  private CloudEvent parse(String frame) {
    JsonObject message = (JsonObject) json.parse(frame);
    JsonArray events = message.getJsonArray("events");
    return CloudEvent.wrap(events.getJsonObject(0));
  }
}
