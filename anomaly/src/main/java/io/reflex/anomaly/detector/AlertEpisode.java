package io.reflex.anomaly.detector;

/**
 * Turns a score stream into alerts: an episode starts when the score reaches the threshold and
 * lasts while it stays there; only its first point alerts, because one notification per incident is
 * what an operator wants.
 */
final class AlertEpisode {
  private final double threshold;
  private boolean inEpisode;

  AlertEpisode(double threshold) {
    this.threshold = threshold;
  }

  boolean alerts(double score) {
    boolean above = score >= threshold;
    boolean first = above && !inEpisode;
    inEpisode = above;
    return first;
  }

  boolean inEpisode() {
    return inEpisode;
  }

  void restore(boolean inEpisode) {
    this.inEpisode = inEpisode;
  }
}
