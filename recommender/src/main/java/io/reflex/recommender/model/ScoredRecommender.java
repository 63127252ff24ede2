package io.reflex.recommender.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The one recommend/learn path all models share: per-user histories, an item scorer for personal candidates, and
 * popularity rankings (tried in order) that answer cold users and top up short lists. Only the scorer and the
 * rankings differ between the default model and the baselines, so the evaluator compares models, not plumbing.
 */
final class ScoredRecommender implements Recommender {
    private final ModelSettings settings;
    private final UserHistories users;
    private final ItemScorer scorer;
    private final List<PopularityRanking> rankings;
    private final CandidateScores candidates = new CandidateScores(); // reused: instances are single-threaded
    private long now = Long.MIN_VALUE;

    ScoredRecommender(ModelSettings settings, ItemScorer scorer, List<PopularityRanking> rankings) {
        if (rankings.isEmpty()) {
            throw new IllegalArgumentException("a model needs a popularity ranking for cold users");
        }
        this.settings = settings;
        this.users = new UserHistories(settings);
        this.scorer = scorer;
        this.rankings = List.copyOf(rankings);
    }

    @Override
    public void learn(Interaction event) {
        now = Math.max(now, event.timeMillis());
        double weight = settings.weight(event.type());
        for (PopularityRanking ranking : rankings) {
            ranking.record(event.item(), weight, event.timeMillis());
        }
        // every history and relation list then shares the ranking's String instead of each event's own copy
        String item = rankings.get(rankings.size() - 1).canonical(event.item());
        Interaction e = item == event.item() ? event
                : new Interaction(event.user(), item, event.type(), event.timeMillis(), event.session());
        UserHistory history = users.touch(e.user(), e.timeMillis());
        scorer.learn(e, history);
        history.record(e);
    }

    @Override
    public List<ScoredItem> recommend(String user, String session, int n, boolean excludePurchased) {
        if (n <= 0) {
            return List.of();
        }
        UserHistory history = users.find(user);
        Predicate<String> allowed = item -> !settings.excludedItems().contains(item)
                && !(excludePurchased && history != null && history.hasPurchased(item));
        candidates.clear();
        if (history != null) {
            scorer.score(history, session, candidates);
        }
        // personal candidates score in (1, 2], popular top-ups in (0, 1]: one descending list
        List<ScoredItem> result = new ArrayList<>(n);
        double max = candidates.max();
        for (ScoredItem item : candidates.top(n, allowed)) {
            result.add(new ScoredItem(item.id(), 1 + item.score() / max));
        }
        topUpWithPopular(result, n, allowed);
        return result;
    }

    /** Ranking r of R fills scores in ((R-r-1)/R, (R-r)/R], so a later ranking never outscores an earlier one. */
    private void topUpWithPopular(List<ScoredItem> result, int n, Predicate<String> allowed) {
        Set<String> chosen = new HashSet<>();
        result.forEach(item -> chosen.add(item.id()));
        int count = rankings.size();
        for (int r = 0; r < count; r++) {
            PopularityRanking ranking = rankings.get(r);
            double top = ranking.topCount();
            for (RankedCounts.Entry entry : ranking.ranked()) {
                if (result.size() >= n) {
                    return;
                }
                if (allowed.test(entry.item) && chosen.add(entry.item)) {
                    result.add(new ScoredItem(entry.item, (count - r - 1 + entry.count / top) / count));
                }
            }
        }
    }

    @Override
    public List<ScoredItem> similar(String item, int n) {
        if (now == Long.MIN_VALUE || n <= 0) {
            return List.of();
        }
        candidates.clear();
        scorer.score(users.single(item, now), null, candidates);
        candidates.remove(item);
        return candidates.top(n, other -> !settings.excludedItems().contains(other));
    }
}
