package io.reflex.bench;

import io.reflex.common.bus.EventBatchCodec;
import io.reflex.common.event.CloudEvent;
import io.reflex.common.event.EventBatch;
import io.reflex.common.json.BoundedJson;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
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

/**
 * A batch of telemetry events crossing between two service processes, both ends in one thread
 * without a socket: what the sending node's codec writes and the receiving node's reads. {@code
 * firstHop} sends events as a gateway has them (parsed from clients' frames, never written as
 * text); {@code nextHop} reads a batch as it arrives and writes it on to the next service, as
 * ingestion and the router do. Times are per batch of {@code size} events. Not a test. Run:
 * BENCHMARKS.md, "Issue #15 (2026-12-04, sixth round)".
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class WireBenchmark {

  @Param({"1", "16", "128"})
  public int size;

  private final EventBatchCodec codec = new EventBatchCodec();
  private final List<JsonObject> parsed = new ArrayList<>();
  private Buffer arrived;

  @Setup
  public void setUp() {
    BoundedJson json = BoundedJson.forEvents();
    for (int i = 0; i < size; i++) {
      parsed.add(
          (JsonObject)
              json.parse(
                  "{\"specversion\":\"1.0\",\"id\":\"e-"
                      + i
                      + "\",\"source\":\"bench://telemetry\",\"type\":\"reflex.metric\","
                      + "\"subject\":\"temperature/device-"
                      + (i % 100)
                      + "\",\"time\":\"2026-12-03T08:00:"
                      + String.format("%02d", i % 60)
                      + ".123Z\",\"data\":{\"value\":"
                      + (91 + i % 7)
                      + ",\"unit\":\"celsius\",\"site\":\"plant-3\"}}"));
    }
    arrived = Buffer.buffer();
    codec.encodeToWire(arrived, fresh());
  }

  /** Events as the gateway has them: no text written yet. */
  private EventBatch fresh() {
    List<CloudEvent> events = new ArrayList<>(size);
    for (JsonObject event : parsed) {
      events.add(CloudEvent.wrap(event));
    }
    return new EventBatch(events);
  }

  @Benchmark
  public EventBatch firstHop() {
    Buffer wire = Buffer.buffer(256 * size);
    codec.encodeToWire(wire, fresh());
    return codec.decodeFromWire(0, wire);
  }

  @Benchmark
  public Buffer nextHop() {
    EventBatch received = codec.decodeFromWire(0, arrived);
    Buffer onward = Buffer.buffer(arrived.length());
    codec.encodeToWire(onward, received);
    return onward;
  }
}
