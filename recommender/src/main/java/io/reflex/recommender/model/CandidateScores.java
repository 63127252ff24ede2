package io.reflex.recommender.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Predicate;

/** Scores accumulated for candidate items during one recommendation. */
final class CandidateScores {
    /** Best first; ties by id so that equal scores rank the same way on every run. */
    static final Comparator<ScoredItem> BEST_FIRST =
            Comparator.comparingDouble(ScoredItem::score).reversed().thenComparing(ScoredItem::id);

    private final Map<String, Double> scores = new HashMap<>();

    void add(String item, double score) {
        scores.merge(item, score, Double::sum);
    }

    void remove(String item) {
        scores.remove(item);
    }

    boolean isEmpty() {
        return scores.isEmpty();
    }

    /** Adds {@code weight * score / max score} of every candidate of {@code other}: blends signals of any scale. */
    void addNormalised(CandidateScores other, double weight) {
        double max = 0;
        for (double score : other.scores.values()) {
            max = Math.max(max, score);
        }
        if (max <= 0) {
            return;
        }
        for (Map.Entry<String, Double> e : other.scores.entrySet()) {
            add(e.getKey(), weight * e.getValue() / max);
        }
    }

    /** The {@code n} best candidates with a positive score that {@code allowed} accepts, best first. */
    List<ScoredItem> top(int n, Predicate<String> allowed) {
        PriorityQueue<ScoredItem> worstFirst = new PriorityQueue<>(n + 1, BEST_FIRST.reversed());
        for (Map.Entry<String, Double> e : scores.entrySet()) {
            if (e.getValue() > 0 && allowed.test(e.getKey())) {
                worstFirst.add(new ScoredItem(e.getKey(), e.getValue()));
                if (worstFirst.size() > n) {
                    worstFirst.poll();
                }
            }
        }
        List<ScoredItem> best = new ArrayList<>(worstFirst);
        best.sort(BEST_FIRST);
        return best;
    }
}
