package io.reflex.recommender.model;

import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeSet;

/**
 * Item counts kept sorted (count descending, id ascending for determinism), so the top of the ranking is read without
 * sorting and the lowest entry can be dropped to bound memory. O(log n) per change.
 */
final class RankedCounts implements Iterable<RankedCounts.Entry> {
    static final class Entry {
        final String item;
        double count;

        Entry(String item) {
            this.item = item;
        }
    }

    private static final Comparator<Entry> BY_RANK =
            Comparator.<Entry>comparingDouble(e -> -e.count).thenComparing(e -> e.item);

    private final Map<String, Entry> byItem = new HashMap<>();
    private final TreeSet<Entry> ranked = new TreeSet<>(BY_RANK);

    void add(String item, double delta) {
        Entry entry = byItem.computeIfAbsent(item, Entry::new);
        ranked.remove(entry); // re-keyed below: a TreeSet entry must not change while inside
        entry.count += delta;
        if (entry.count <= 1e-9) {
            byItem.remove(item);
        } else {
            ranked.add(entry);
        }
    }

    double count(String item) {
        Entry entry = byItem.get(item);
        return entry == null ? 0 : entry.count;
    }

    String canonical(String item) {
        Entry entry = byItem.get(item);
        return entry == null ? item : entry.item;
    }

    /** Drops the lowest-ranked items until at most {@code max} remain. */
    void keepTop(int max) {
        while (ranked.size() > max) {
            byItem.remove(ranked.pollLast().item);
        }
    }

    /** Multiplies every count by {@code factor} (> 0): ranks are unchanged, but the tree keys are rebuilt. */
    void scale(double factor) {
        ranked.clear();
        for (Entry entry : byItem.values()) {
            entry.count *= factor;
            ranked.add(entry);
        }
    }

    double topCount() {
        return ranked.isEmpty() ? 0 : ranked.first().count;
    }

    int size() {
        return byItem.size();
    }

    @Override
    public Iterator<Entry> iterator() {
        return ranked.iterator();
    }
}
