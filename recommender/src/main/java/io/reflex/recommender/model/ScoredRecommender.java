package io.reflex.recommender.model;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.function.LongPredicate;

/**
 * The one recommend/learn path all models share: an item catalogue, per-user histories, an item
 * scorer for personal candidates, and popularity rankings (tried in order) that answer cold users
 * and top up short lists. Only the scorer and the rankings differ between the default model and the
 * baselines, so the evaluator compares models, not plumbing.
 */
final class ScoredRecommender implements Recommender {
  private final ModelSettings settings;
  private final ItemCatalog items;
  private final UserHistories users;
  private final ItemScorer scorer;
  private final List<PopularityRanking> rankings;
  private final double[] typeWeights;
  private final CandidateScores candidates; // reused: instances are single-threaded
  private final IntConsumer forgetItem = this::forget;
  private long now = Long.MIN_VALUE;

  ScoredRecommender(
      ModelSettings settings,
      ItemCatalog items,
      ItemScorer scorer,
      List<PopularityRanking> rankings) {
    if (rankings.isEmpty()) {
      throw new IllegalArgumentException("a model needs a popularity ranking for cold users");
    }
    this.settings = settings;
    this.items = items;
    this.users = new UserHistories(settings);
    this.scorer = scorer;
    this.rankings = List.copyOf(rankings);
    this.typeWeights = settings.weightsByType();
    this.candidates = new CandidateScores(items, scorer.lanes());
  }

  @Override
  public void learn(Interaction e) {
    now = Math.max(now, e.timeMillis());
    long item = items.learn(e.item(), forgetItem);
    double weight = typeWeights[e.type().ordinal()];
    for (PopularityRanking ranking : rankings) {
      ranking.record(item, weight, e.timeMillis());
    }
    UserHistory history = users.touch(e.user(), e.timeMillis());
    scorer.learn(item, e, history);
    history.record(item, e);
    if (scorer.avoidsSeen()) { // a stream without re-consumption: hide this item for good
      history.rememberMet(item);
    }
  }

  /**
   * Writes everything the model learned, exactly. Only reads the model (recommend and similar may
   * run meanwhile, they touch only scratch state), but nothing may learn until it returns.
   */
  void writeTo(DataOutput out) throws IOException {
    out.writeLong(now);
    items.writeTo(out);
    users.writeTo(out);
    scorer.writeTo(out);
    for (PopularityRanking ranking : rankings) {
      ranking.writeTo(out);
    }
  }

  /** Loads {@link #writeTo}'s state into this freshly built model of the same kind and settings. */
  void readFrom(DataInput in) throws IOException {
    now = in.readLong();
    items.readFrom(in);
    users.readFrom(in);
    scorer.readFrom(in);
    for (PopularityRanking ranking : rankings) {
      ranking.readFrom(in);
    }
  }

  private void forget(int slot) {
    scorer.forget(slot);
    for (PopularityRanking ranking : rankings) {
      ranking.forget(slot);
    }
  }

  @Override
  public List<ScoredItem> recommend(String user, String session, int n, boolean excludePurchased) {
    if (n <= 0) {
      return List.of();
    }
    UserHistory history = users.find(user);
    boolean avoidSeen = history != null && scorer.avoidsSeen();
    boolean excluding = !settings.excludedItems().isEmpty(); // most shops exclude nothing
    LongPredicate allowed =
        item ->
            !(excluding && settings.excludedItems().contains(items.name(item)))
                && !(excludePurchased && history != null && history.hasPurchased(item))
                && !(avoidSeen && history.hasMet(item));
    candidates.clear();
    if (history != null) {
      scorer.score(history, session, candidates);
    }
    if (avoidSeen) {
      candidates.hideItemsOf(history); // then a candidate is met only if remembered for good
    }
    LongPredicate allowedCandidate =
        item ->
            !(excluding && settings.excludedItems().contains(items.name(item)))
                && !(excludePurchased && history != null && history.hasPurchased(item))
                && !(avoidSeen && history.remembersMet(item));
    // personal candidates score in (1, 2], popular top-ups in (0, 1]: one descending list
    List<ScoredItem> result = new ArrayList<>(n);
    double max = candidates.max();
    for (ScoredItem item : candidates.top(n, allowedCandidate)) {
      result.add(new ScoredItem(item.id(), 1 + item.score() / max));
    }
    topUpWithPopular(result, n, allowed);
    return result;
  }

  /**
   * Ranking r of R fills scores in ((R-r-1)/R, (R-r)/R], so a later ranking never outscores an
   * earlier one.
   */
  private void topUpWithPopular(List<ScoredItem> result, int n, LongPredicate allowed) {
    int count = rankings.size();
    for (int r = 0; r < count; r++) {
      RankedCounts ranked = rankings.get(r).ranked();
      double top = ranked.topCount();
      for (int rank = 0, slot; result.size() < n && (slot = ranked.slotAt(rank)) >= 0; rank++) {
        long item = ranked.refAt(slot);
        String name = items.name(item);
        if (allowed.test(item) && !chosen(result, name)) {
          result.add(new ScoredItem(name, (count - r - 1 + ranked.count(slot) / top) / count));
        }
      }
    }
  }

  /**
   * Whether the list already holds {@code item}; a scan, as lists are a few dozen items at most.
   */
  private static boolean chosen(List<ScoredItem> result, String item) {
    for (ScoredItem chosen : result) {
      if (chosen.id().equals(item)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public List<ScoredItem> similar(String item, int n) {
    long ref = items.find(item);
    if (now == Long.MIN_VALUE || n <= 0 || ref < 0) {
      return List.of();
    }
    candidates.clear();
    scorer.score(users.single(ref, now), null, candidates);
    candidates.remove(ref);
    return candidates.top(n, other -> !settings.excludedItems().contains(items.name(other)));
  }
}
