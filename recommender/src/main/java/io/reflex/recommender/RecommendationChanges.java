package io.reflex.recommender;

import io.reflex.recommender.model.ScoredItem;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;

/**
 * Decides when a shopper's top-N has changed enough to push: the first item changed, or less than
 * {@code minOverlap} of the list is still the same. Remembers the last pushed list of a bounded
 * number of shoppers.
 */
final class RecommendationChanges {

  private final double minOverlap;
  private final int maxShoppers;
  private final LinkedHashMap<String, List<String>> lastPushed =
      new LinkedHashMap<>(256, 0.75f, true);

  RecommendationChanges(double minOverlap, int maxShoppers) {
    this.minOverlap = minOverlap;
    this.maxShoppers = maxShoppers;
  }

  /**
   * Records the list and tells whether it differs materially from the last one pushed for the user.
   */
  boolean changed(String user, List<ScoredItem> items) {
    List<String> ids = items.stream().map(ScoredItem::id).toList();
    List<String> previous = lastPushed.put(user, ids);
    if (lastPushed.size() > maxShoppers) {
      Iterator<String> eldest = lastPushed.keySet().iterator();
      eldest.next();
      eldest.remove();
    }
    if (previous == null || previous.isEmpty() || ids.isEmpty()) {
      return !ids.isEmpty();
    }
    if (!previous.get(0).equals(ids.get(0))) {
      return true;
    }
    Set<String> kept = new HashSet<>(previous);
    kept.retainAll(ids);
    return kept.size() < minOverlap * Math.max(previous.size(), ids.size());
  }
}
