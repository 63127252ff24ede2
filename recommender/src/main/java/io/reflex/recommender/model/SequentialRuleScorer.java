package io.reflex.recommender.model;

/**
 * Sequential rules (Ludewig and Jannach 2018; session-rec's {@code SequentialRules}): when b
 * follows a within {@code sequenceSteps} events of one session, rule a -> b gains 1/distance (times
 * the type weight of b's event), also when b is a itself: a re-click is a rule like any other, and
 * in click logs it is often the strongest one. SR scores the raw rule weights of the last item; the
 * default model uses each rule's share of a's outgoing weight so several history items can be
 * summed fairly.
 */
final class SequentialRuleScorer extends RelationScorer {
  private static final double OLDER_ITEM_SHARE = 0.25;

  private final boolean asShare;

  SequentialRuleScorer(
      ModelSettings settings, ItemCatalog items, int historyItems, boolean asShare) {
    super(settings, items, historyItems);
    this.asShare = asShare;
  }

  @Override
  public void learn(long item, Interaction e, UserHistory before) {
    if (before.startsNewSession(e)) {
      return; // rules never span sessions
    }
    int steps = Math.min(settings.sequenceSteps(), before.currentSessionSize(null));
    double weight = typeWeights[e.type().ordinal()];
    for (int distance = 1; distance <= steps; distance++) {
      long antecedent = before.item(distance - 1);
      if (items.isLive(antecedent)) {
        relationsForUpdate(antecedent, e.timeMillis()).addRelated(item, weight / distance);
      }
    }
  }

  /**
   * Rules of the latest item lead, the item before adds a quarter as much (linear would give it
   * half): the next step follows the current item far more often than the one before (SR scores the
   * latest alone). Chosen on simulator seeds 3 and 11 against 1/2 and 0.15 (RECOMMENDER.md).
   */
  @Override
  protected double recency(int age, int window) {
    return Recency.geometric(age, OLDER_ITEM_SHARE);
  }

  @Override
  protected double strength(ItemRelations from, int i, boolean lasting) {
    double weight = from.weight(i, lasting);
    return asShare ? weight / from.outgoing(lasting) : weight;
  }
}
