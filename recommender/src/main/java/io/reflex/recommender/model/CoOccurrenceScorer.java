package io.reflex.recommender.model;

/**
 * Incremental item-kNN on binary co-occurrence: an item entering a user's remembered events (not
 * among them already) is learnt to co-occur, both ways, with that user's last {@link
 * ModelSettings#coOccurrenceWindow()} distinct items (this bounds the update cost); an item still
 * remembered adds no pair again. IKNN-LAST/IKNN-HIST use cosine over the notes' 50 items; the
 * default model uses the conditional share c(a,b)/n(a), which keeps decayed counts consistent (both
 * terms belong to a), over its 10.
 */
final class CoOccurrenceScorer extends RelationScorer {
  enum Similarity {
    COSINE,
    CONDITIONAL
  }

  private final Similarity similarity;
  private final long[] window; // scratch: the user's last distinct items paired while learning

  CoOccurrenceScorer(
      ModelSettings settings, ItemCatalog items, int historyItems, Similarity similarity) {
    super(settings, items, historyItems);
    this.similarity = similarity;
    this.window = new long[Math.min(settings.coOccurrenceWindow(), settings.maxHistoryPerUser())];
  }

  @Override
  public void learn(long item, Interaction e, UserHistory before) {
    if (before.contains(item)) {
      // binary co-occurrence: the item's pairs were learnt when it entered the user's events, and
      // they are not learnt again while it stays there (the whole history, not only the window:
      // a repeat buyer's staples re-learnt each time they left a window of 10 cost HR@10)
      return;
    }
    int count = before.recentDistinctItems(window);
    double weight = typeWeights[e.type().ordinal()];
    ItemRelations relations = relationsForUpdate(item, e.timeMillis());
    relations.addOccurrence(weight);
    for (int i = 0; i < count; i++) {
      long other = window[i];
      if (items.isLive(other)) {
        relationsForUpdate(other, e.timeMillis()).addRelated(item, weight);
        relations.addRelated(other, weight);
      }
    }
  }

  @Override
  protected double strength(ItemRelations from, int i, boolean lasting) {
    double norm;
    if (similarity == Similarity.CONDITIONAL) {
      norm = from.occurrences(lasting);
    } else {
      ItemRelations to = relationsOf(from.related(i));
      norm = to == null ? 0 : Math.sqrt(from.occurrences(lasting) * to.occurrences(lasting));
    }
    // 0 when an item's own counts were evicted and it came back only as someone's neighbour
    return norm > 0 ? from.weight(i, lasting) / norm : 0;
  }
}
