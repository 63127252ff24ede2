package io.reflex.anomaly.nab;

/** A labelled anomaly window as row indices; both edges are rows of the window. */
public record Window(int left, int right) {

  public Window {
    if (right < left) {
      throw new IllegalArgumentException("window right " + right + " < left " + left);
    }
  }

  public int width() {
    return right - left + 1;
  }

  public boolean contains(int row) {
    return row >= left && row <= right;
  }
}
