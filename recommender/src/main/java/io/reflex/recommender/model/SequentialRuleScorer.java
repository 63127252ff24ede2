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
    double weight = settings.weight(e.type());
    for (int distance = 1; distance <= steps; distance++) {
      long antecedent = before.item(distance - 1);
      if (items.isLive(antecedent)) {
        relationsForUpdate(antecedent, e.timeMillis()).addRelated(item, weight / distance);
      }
    }
  }

  @Override
  protected double strength(ItemRelations from, int i, boolean lasting) {
    double weight = from.weight(i, lasting);
    return asShare ? weight / from.outgoing(lasting) : weight;
  }
}
