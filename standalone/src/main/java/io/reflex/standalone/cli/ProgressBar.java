package io.reflex.standalone.cli;

import java.io.PrintStream;

/** A one-line progress bar on stderr, redrawn at most a few times a second. */
final class ProgressBar {

  private static final int WIDTH = 30;
  private static final long REDRAW_NANOS = 200_000_000L;

  private final PrintStream out;
  private final long total;
  private long lastDrawn;

  ProgressBar(PrintStream out, long total) {
    this.out = out;
    this.total = Math.max(total, 1);
  }

  void update(long done, String detail) {
    long now = System.nanoTime();
    if (now - lastDrawn < REDRAW_NANOS) {
      return;
    }
    lastDrawn = now;
    draw(done, detail);
  }

  void finish(String detail) {
    draw(total, detail);
    out.println();
  }

  private void draw(long done, String detail) {
    int filled = (int) Math.min(WIDTH, done * WIDTH / total);
    out.print("\r[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] "
        + String.format("%3d%%", Math.min(100, done * 100 / total)) + " " + detail);
    out.flush();
  }
}
