package io.reflex.recommender.model;

import java.util.List;

/**
 * Shared part of the item-to-item models (co-occurrence kNN, sequential rules): bounded per-item relations, and
 * scoring as the recency-weighted sum of the relations of the user's last {@code historyItems} distinct items.
 */
abstract class RelationScorer implements ItemScorer {
    protected final ModelSettings settings;
    private final LruMap<String, ItemRelations> relations;
    private final double halfLifeMillis;
    private final int historyItems;

    RelationScorer(ModelSettings settings, int historyItems) {
        this.settings = settings;
        this.relations = new LruMap<>(settings.maxItems());
        this.halfLifeMillis = settings.halfLifeMillis();
        this.historyItems = historyItems;
    }

    /** The relations of {@code item} for writing: created if absent, decayed to {@code now}, marked recently used. */
    protected ItemRelations relationsForUpdate(String item, long now) {
        ItemRelations r = relations.touch(item, k -> new ItemRelations(settings.neighboursPerItem()));
        r.decayTo(now, halfLifeMillis);
        return r;
    }

    protected ItemRelations relationsOf(String item) {
        return relations.get(item);
    }

    @Override
    public void score(UserHistory history, String session, CandidateScores out) {
        List<String> recent = history.recentDistinctItems(historyItems);
        for (int age = 0; age < recent.size(); age++) {
            ItemRelations from = relations.get(recent.get(age));
            if (from == null) {
                continue;
            }
            double recency = Recency.linear(age, historyItems);
            for (int i = 0; i < from.size(); i++) {
                double strength = strength(from, i);
                if (strength > 0) {
                    out.add(from.related(i), recency * strength);
                }
            }
        }
    }

    /** How strongly relation {@code i} of {@code from} recommends its item. */
    protected abstract double strength(ItemRelations from, int i);
}
