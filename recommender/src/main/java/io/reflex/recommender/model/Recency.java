package io.reflex.recommender.model;

/**
 * Position weights for a user's recent items: the latest item counts most (Ludewig and Jannach's
 * linear decay).
 */
final class Recency {
  private Recency() {}

  /** 1 for the latest item (age 0), falling linearly to 1/window for the oldest one considered. */
  static double linear(int age, int window) {
    return (window - age) / (double) window;
  }
}
