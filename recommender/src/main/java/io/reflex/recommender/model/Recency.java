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

  /** 1 for the latest item (age 0), then {@code ratio} times the previous item's weight. */
  static double geometric(int age, double ratio) {
    return Math.pow(ratio, age);
  }
}
