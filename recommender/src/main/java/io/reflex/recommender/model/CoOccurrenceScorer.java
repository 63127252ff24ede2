package io.reflex.recommender.model;

/**
 * Incremental item-kNN on binary co-occurrence: two items co-occur when they are among one user's
 * last {@code maxHistoryPerUser} distinct items (this bounds the update cost). IKNN-LAST/IKNN-HIST
 * use cosine; the default model uses the conditional share c(a,b)/n(a), which keeps decayed counts
 * consistent (both terms belong to a).
 */
final class CoOccurrenceScorer extends RelationScorer {
  enum Similarity {
    COSINE,
    CONDITIONAL
  }

  private final Similarity similarity;
  private final long[] window; // scratch: the user's recent distinct items while learning

  CoOccurrenceScorer(
      ModelSettings settings, ItemCatalog items, int historyItems, Similarity similarity) {
    super(settings, items, historyItems);
    this.similarity = similarity;
    this.window = new long[settings.maxHistoryPerUser()];
  }

  @Override
  public void learn(long item, Interaction e, UserHistory before) {
    int count = before.recentDistinctItems(window);
    if (UserHistory.contains(window, count, item)) {
      return; // binary co-occurrence: a pair counts once while both stay in the user's window
    }
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
