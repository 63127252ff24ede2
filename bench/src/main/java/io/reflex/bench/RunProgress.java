package io.reflex.bench;

import io.reflex.common.console.ProgressBar;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * How far a bench run is, on stderr. Its load phases (the warm-ups, then the baseline and the mesh
 * at each step) are known up front, so the bar counts seconds of load done out of the most the run
 * can take; a run whose steps stop early (both sides unsustainable) jumps to the end. Quiet, only
 * the log lines are printed.
 */
final class RunProgress implements AutoCloseable {

  private final ProgressBar bar;
  private final ScheduledExecutorService ticker;
  private long doneSeconds;
  private long phaseSeconds;
  private long phaseStartNanos = System.nanoTime();
  private String phase = "starting the servers";

  RunProgress(boolean quiet, long plannedSeconds) {
    this.bar = quiet ? null : new ProgressBar(System.err, plannedSeconds);
    if (bar == null) {
      ticker = null;
      return;
    }
    // Its own thread: drawing writes to stderr, which no event loop (the generator's least of all)
    // should wait on.
    ticker =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "bench-progress");
              thread.setDaemon(true);
              return thread;
            });
    ticker.scheduleAtFixedRate(this::draw, 0, 500, TimeUnit.MILLISECONDS);
  }

  /** A phase of {@code seconds} of load begins; the one before it is done. */
  synchronized void phase(String name, long seconds) {
    doneSeconds += phaseSeconds;
    phase = name;
    phaseSeconds = seconds;
    phaseStartNanos = System.nanoTime();
  }

  void log(String message) {
    String line = "bench: " + message;
    if (bar == null) {
      System.err.println(line);
    } else {
      bar.log(line);
    }
  }

  private synchronized void draw() {
    long elapsed = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - phaseStartNanos);
    bar.update(doneSeconds + Math.min(elapsed, phaseSeconds), phase);
  }

  @Override
  public void close() {
    if (bar != null) {
      ticker.shutdownNow();
      bar.finish("done");
    }
  }
}
