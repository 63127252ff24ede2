package io.reflex.anomaly.bench;

import io.reflex.anomaly.detector.Detector;
import io.reflex.anomaly.detector.Detectors;
import io.reflex.anomaly.detector.Sensitivity;
import io.reflex.anomaly.detector.WindowedGaussian;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Points per second of one detector on one series (the unit of work per metric event), and the cost
 * of moving its state (snapshot + restore, as a Hazelcast entry processor does). Prints the state
 * size per series at tear-down. Run: see anomaly/DETECTOR.md ("Speed").
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx512m")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class DetectorBenchmark {
  private static final int POINTS = 65_536;
  private static final long STEP_MILLIS = 300_000;

  /**
   * reflexRate: the detector of an event-rate series, the default one plus its level-shift view.
   */
  @Param({"reflex", "reflexRate", "windowedGaussian"})
  public String detector;

  private final double[] values = new double[POINTS];
  private Detector instance;
  private long time;

  @Setup(Level.Trial)
  public void setUp() {
    // A noisy daily wave of 5-minute values with an occasional spike: the shape of most NAB series.
    Random random = new Random(42);
    for (int i = 0; i < POINTS; i++) {
      values[i] =
          50
              + 20 * Math.sin(2 * Math.PI * i / 288)
              + 3 * random.nextGaussian()
              + (random.nextInt(5000) == 0 ? 80 : 0);
    }
    instance = create();
    // Past warm-up and, for windowedGaussian, past the 6400-value fill: measure the steady state.
    observeAll();
  }

  private Detector create() {
    return switch (detector) {
      case "reflex" -> Detectors.create(Sensitivity.STANDARD);
      case "reflexRate" -> Detectors.createForRate(Sensitivity.STANDARD);
      default -> new WindowedGaussian(1.0);
    };
  }

  private Detector restore(byte[] state) {
    return detector.startsWith("reflex")
        ? Detectors.restore(Sensitivity.STANDARD, state)
        : WindowedGaussian.restore(1.0, state);
  }

  /** Sum of scores, returned so the JIT cannot drop the work. */
  private double observeAll() {
    double sum = 0;
    for (double value : values) {
      time += STEP_MILLIS;
      sum += instance.observe(time, value).score();
    }
    return sum;
  }

  @Benchmark
  @OperationsPerInvocation(POINTS)
  public double observe() {
    return observeAll();
  }

  @Benchmark
  public Detector snapshotAndRestore() {
    return restore(instance.snapshot());
  }

  @TearDown(Level.Trial)
  public void reportStateSize() {
    System.out.printf("%n%s: state %d bytes per series%n", detector, instance.snapshot().length);
  }
}
