package io.reflex.common.console;

import java.io.PrintStream;

/**
 * A one-line progress bar on stderr, redrawn at most a few times a second, for the commands that
 * run long ({@code reflex send} of a large file, {@code reflex bench}). Lines logged through it are
 * printed above the bar. Safe to update from another thread than the one that logs.
 */
public final class ProgressBar {

  private static final int WIDTH = 30;
  private static final long REDRAW_NANOS = 200_000_000L;

  private final PrintStream out;
  private final long total;
  private long lastDrawn;
  private long done;
  private String detail = "";
  private int drawnLength;

  public ProgressBar(PrintStream out, long total) {
    this.out = out;
    this.total = Math.max(total, 1);
  }

  public synchronized void update(long done, String detail) {
    this.done = done;
    this.detail = detail;
    long now = System.nanoTime();
    if (now - lastDrawn < REDRAW_NANOS) {
      return;
    }
    lastDrawn = now;
    draw();
  }

  /** Prints a line of its own, then the bar again below it. */
  public synchronized void log(String line) {
    if (drawnLength > 0) {
      out.print("\r" + " ".repeat(drawnLength) + "\r");
    }
    out.println(line);
    if (drawnLength > 0) {
      draw();
    }
  }

  public synchronized void finish(String detail) {
    this.done = total;
    this.detail = detail;
    draw();
    out.println();
    drawnLength = 0;
  }

  private void draw() {
    int filled = (int) Math.min(WIDTH, done * WIDTH / total);
    String bar =
        "["
            + "#".repeat(filled)
            + ".".repeat(WIDTH - filled)
            + "] "
            + String.format("%3d%%", Math.min(100, done * 100 / total))
            + " "
            + detail;
    // Pad over a longer line drawn before, so no tail of it stays on screen.
    out.print("\r" + bar + " ".repeat(Math.max(0, drawnLength - bar.length())));
    out.flush();
    drawnLength = bar.length();
  }
}
