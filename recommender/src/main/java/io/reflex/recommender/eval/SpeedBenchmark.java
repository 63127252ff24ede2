package io.reflex.recommender.eval;

import io.reflex.recommender.model.Interaction;
import io.reflex.recommender.model.Recommender;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;

/**
 * The harness benchmark of issue #5's speed target: replays a log through a fresh model and, after
 * the learn-only warm-up part, does per event what the service does on each shopping event: learn
 * it, then recommend the shopper's top-{@code n}. Reports those update+recommend pairs per second
 * of wall time and per second of this thread's CPU time; the CPU figure is the one that survives a
 * machine shared with other work.
 */
public final class SpeedBenchmark {

  /** One pass: {@code pairs} update+recommend pairs after the warm-up. */
  public record Pass(
      int pairs,
      double wallSeconds,
      double cpuSeconds,
      Histogram learnNanos,
      Histogram recommendNanos) {
    public double pairsPerWallSecond() {
      return pairs / wallSeconds;
    }

    public double pairsPerCpuSecond() {
      return pairs / cpuSeconds;
    }
  }

  private final ReplayLog log;
  private final int n;

  public SpeedBenchmark(ReplayLog log, int n) {
    this.log = log;
    this.n = n;
  }

  public Pass run(Supplier<Recommender> fresh) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Recommender model = fresh.get();
    List<Interaction> events = log.events();
    int warmup = log.warmupEvents();
    for (int i = 0; i < warmup; i++) {
      model.learn(events.get(i));
    }
    Histogram learnNanos = new Histogram(3);
    Histogram recommendNanos = new Histogram(3);
    long cpuStart = threads.getCurrentThreadCpuTime();
    long wallStart = System.nanoTime();
    for (int i = warmup; i < events.size(); i++) {
      Interaction e = events.get(i);
      long start = System.nanoTime();
      model.learn(e);
      long learned = System.nanoTime();
      model.recommend(e.user(), e.session(), n, false);
      recommendNanos.recordValue(System.nanoTime() - learned);
      learnNanos.recordValue(learned - start);
    }
    double wall = (System.nanoTime() - wallStart) / 1e9;
    double cpu = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
    return new Pass(events.size() - warmup, wall, cpu, learnNanos, recommendNanos);
  }
}
