package io.reflex.recommender.model;

import java.util.List;

/**
 * An incrementally learning recommender. Implementations are not thread-safe: confine each instance
 * to one thread (a verticle's event loop), which is also what makes replays deterministic.
 */
public interface Recommender {

  /** Learns one event; event time drives decay, windows and expiry. */
  void learn(Interaction e);

  /**
   * Top-{@code n} items for the user, best first. Never empty while the model has seen any item:
   * unknown and cold users get the popularity list, and personal candidates are topped up from it.
   *
   * @param session the caller's current session, nullable; a session different from the user's last
   *     one starts empty
   */
  List<ScoredItem> recommend(String user, String session, int n, boolean excludePurchased);

  /**
   * Items the model relates to {@code item}, best first, without the item itself. Deliberately NOT
   * topped up with popular items: an unknown item, or one with no learned relations, yields an
   * empty list so a "similar items" widget can hide itself rather than show unrelated best-sellers.
   */
  List<ScoredItem> similar(String item, int n);
}
