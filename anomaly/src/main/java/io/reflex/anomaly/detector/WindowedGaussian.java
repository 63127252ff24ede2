package io.reflex.anomaly.detector;

import java.nio.ByteBuffer;

/**
 * NAB's windowedGaussian baseline, kept as the floor every detector must beat: mean and standard
 * deviation of the last 6400 values (refreshed every value while the window fills, then every 100
 * values), score = 1 - the Gaussian tail beyond the value, so 0.5 at the mean and 1 far out. Its
 * state (the whole window, ~51 KB) is far above the 4 KB target of the default detector; it is a
 * yardstick, not a production choice.
 */
public final class WindowedGaussian implements Detector {
  static final int WINDOW = 6400;
  static final int STEP = 100;
  private static final byte FORMAT = 1;

  private final double[] window = new double[WINDOW];
  private final double[] pending = new double[STEP];
  private final AlertEpisode episode;
  private int filled;
  private int oldest;
  private int pendingCount;
  private double mean;
  private double std = 1.0;

  public WindowedGaussian(double alertThreshold) {
    this.episode = new AlertEpisode(alertThreshold);
  }

  @Override
  public Verdict observe(long eventTimeMillis, double value) {
    double score = filled == 0 ? 0.0 : 1.0 - GaussianTail.q(Math.abs(value - mean) / std);
    if (filled < WINDOW) {
      window[filled++] = value;
      refresh();
    } else {
      pending[pendingCount++] = value;
      if (pendingCount == STEP) {
        // Slide by a whole step: the oldest STEP values are replaced by the pending ones.
        System.arraycopy(pending, 0, window, oldest, STEP);
        oldest = (oldest + STEP) % WINDOW;
        pendingCount = 0;
        refresh();
      }
    }
    boolean alert = episode.alerts(score);
    return new Verdict(
        score, alert, mean - 3 * std, mean + 3 * std, alert ? "value outside mean +- 3 sd" : "");
  }

  /**
   * Population mean and standard deviation (numpy's defaults), two-pass for accuracy on large
   * values.
   */
  private void refresh() {
    double sum = 0;
    for (int i = 0; i < filled; i++) {
      sum += window[i];
    }
    mean = sum / filled;
    double squares = 0;
    for (int i = 0; i < filled; i++) {
      double d = window[i] - mean;
      squares += d * d;
    }
    std = Math.sqrt(squares / filled);
    if (std == 0.0) {
      std = 1e-6;
    }
  }

  @Override
  public byte[] snapshot() {
    ByteBuffer out =
        ByteBuffer.allocate(
            1 + 1 + 3 * Integer.BYTES + 2 * Double.BYTES + (filled + pendingCount) * Double.BYTES);
    out.put(FORMAT).put((byte) (episode.inEpisode() ? 1 : 0));
    out.putInt(filled).putInt(oldest).putInt(pendingCount).putDouble(mean).putDouble(std);
    for (int i = 0; i < filled; i++) {
      out.putDouble(window[i]);
    }
    for (int i = 0; i < pendingCount; i++) {
      out.putDouble(pending[i]);
    }
    return out.array();
  }

  public static WindowedGaussian restore(double alertThreshold, byte[] snapshot) {
    ByteBuffer in = ByteBuffer.wrap(snapshot);
    if (in.get() != FORMAT) {
      throw new IllegalArgumentException("not a WindowedGaussian snapshot");
    }
    WindowedGaussian d = new WindowedGaussian(alertThreshold);
    d.episode.restore(in.get() == 1);
    d.filled = in.getInt();
    d.oldest = in.getInt();
    d.pendingCount = in.getInt();
    d.mean = in.getDouble();
    d.std = in.getDouble();
    for (int i = 0; i < d.filled; i++) {
      d.window[i] = in.getDouble();
    }
    for (int i = 0; i < d.pendingCount; i++) {
      d.pending[i] = in.getDouble();
    }
    return d;
  }
}
