package io.reflex.recommender.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Predicate;

/**
 * Scores accumulated for candidate items during one recommendation: an open-addressing String-to-double map that
 * remembers which slots it used, so it can be cleared and reused without reallocating. A recommendation adds
 * hundreds of scores; boxing them into HashMaps and regrowing fresh tables dominated the recommend latency.
 */
final class CandidateScores {
    /** Best first; ties by id so that equal scores rank the same way on every run. */
    static final Comparator<ScoredItem> BEST_FIRST = (a, b) -> {
        int byScore = Double.compare(b.score(), a.score());
        return byScore != 0 ? byScore : a.id().compareTo(b.id());
    };
    private static final int INITIAL_CAPACITY = 256;

    private String[] items = new String[INITIAL_CAPACITY];
    private double[] scores = new double[INITIAL_CAPACITY];
    private int[] used = new int[INITIAL_CAPACITY / 2]; // occupied slots in insertion order
    private int size;

    void add(String item, double score) {
        int slot = slotOf(item);
        if (items[slot] == null) {
            if ((size + 1) * 2 > items.length) {
                grow();
                slot = slotOf(item);
            }
            items[slot] = item;
            used[size++] = slot;
        }
        scores[slot] += score;
    }

    /** Sets the item's score to zero: {@link #top} only returns positive scores. */
    void remove(String item) {
        int slot = slotOf(item);
        if (items[slot] != null) {
            scores[slot] = 0;
        }
    }

    /** Empties the map, keeping its capacity for the next recommendation. */
    void clear() {
        for (int i = 0; i < size; i++) {
            items[used[i]] = null;
            scores[used[i]] = 0;
        }
        size = 0;
    }

    private int slotOf(String item) {
        int mask = items.length - 1;
        // Fibonacci hashing: the top bits of the product are well mixed even for similar ids like "p12", "p13"
        int slot = (item.hashCode() * 0x9E3779B9) >>> Integer.numberOfLeadingZeros(mask);
        while (items[slot] != null && !items[slot].equals(item)) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void grow() {
        String[] oldItems = items;
        double[] oldScores = scores;
        int[] oldUsed = used;
        items = new String[oldItems.length * 2];
        scores = new double[items.length];
        used = new int[items.length / 2];
        for (int i = 0; i < size; i++) {
            String item = oldItems[oldUsed[i]];
            int slot = slotOf(item);
            items[slot] = item;
            scores[slot] = oldScores[oldUsed[i]];
            used[i] = slot;
        }
    }

    double max() {
        double max = 0;
        for (int i = 0; i < size; i++) {
            max = Math.max(max, scores[used[i]]);
        }
        return max;
    }

    /** Adds {@code weight * score / max score} of every candidate of {@code other}: blends signals of any scale. */
    void addNormalised(CandidateScores other, double weight) {
        double max = other.max();
        if (max <= 0) {
            return;
        }
        for (int i = 0; i < other.size; i++) {
            int slot = other.used[i];
            if (other.scores[slot] > 0) {
                add(other.items[slot], weight * other.scores[slot] / max);
            }
        }
    }

    /** The {@code n} best candidates with a positive score that {@code allowed} accepts, best first. */
    List<ScoredItem> top(int n, Predicate<String> allowed) {
        PriorityQueue<ScoredItem> worstFirst = new PriorityQueue<>(n + 1, BEST_FIRST.reversed());
        for (int i = 0; i < size; i++) {
            int slot = used[i];
            if (scores[slot] <= 0 || worstFirst.size() == n && scores[slot] < worstFirst.peek().score()) {
                continue; // cheap reject before building an entry: most candidates lose to the current top n
            }
            if (allowed.test(items[slot])) {
                worstFirst.add(new ScoredItem(items[slot], scores[slot]));
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
