package io.reflex.recommender.model;

/**
 * Recommends what the user just interacted with again. In click streams the next click is very
 * often a re-view (the evaluator reports this repeat share), so this is SPOP (counts over the last
 * {@code events} events) and, with a recency floor of 0, the default model's "see it again" signal.
 */
final class RecentInteractionsScorer implements ItemScorer {
  private final double[] typeWeights;
  private final int events;
  private final double recencyFloor;

  /**
   * @param recencyFloor weight of the oldest event considered relative to the latest: 1 counts
   *     events equally, slightly below 1 counts them but lets recency break ties, 0 is linear
   *     recency
   */
  RecentInteractionsScorer(ModelSettings settings, int events, double recencyFloor) {
    this.typeWeights = settings.weightsByType();
    this.events = events;
    this.recencyFloor = recencyFloor;
  }

  @Override
  public void learn(long item, Interaction e, UserHistory before) {
    // nothing to learn: the user's own history is the whole model
  }

  @Override
  public void score(UserHistory history, String session, CandidateScores out) {
    int considered = Math.min(events, history.size());
    for (int age = 0; age < considered; age++) {
      double recency = recencyFloor + (1 - recencyFloor) * Recency.linear(age, considered);
      out.add(history.item(age), typeWeights[history.type(age).ordinal()] * recency);
    }
  }

  @Override
  public void forget(int slot) {
    // holds no item state
  }
}
