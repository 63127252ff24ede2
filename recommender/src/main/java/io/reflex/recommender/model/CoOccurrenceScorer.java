package io.reflex.recommender.model;

import java.util.List;

/**
 * Incremental item-kNN on binary co-occurrence: two items co-occur when they are among one user's last
 * {@code maxHistoryPerUser} distinct items (this bounds the update cost). IKNN-LAST/IKNN-HIST use cosine; the default
 * model uses the conditional share c(a,b)/n(a), which keeps decayed counts consistent (both terms belong to a).
 */
final class CoOccurrenceScorer extends RelationScorer {
    enum Similarity { COSINE, CONDITIONAL }

    private final Similarity similarity;

    CoOccurrenceScorer(ModelSettings settings, int historyItems, Similarity similarity) {
        super(settings, historyItems);
        this.similarity = similarity;
    }

    @Override
    public void learn(Interaction e, UserHistory before) {
        List<String> window = before.recentDistinctItems(settings.maxHistoryPerUser());
        if (window.contains(e.item())) {
            return; // binary co-occurrence: a pair counts once while both stay in the user's window
        }
        double weight = settings.weight(e.type());
        ItemRelations item = relationsForUpdate(e.item(), e.timeMillis());
        item.addOccurrence(weight);
        for (String other : window) {
            relationsForUpdate(other, e.timeMillis()).addRelated(e.item(), weight);
            item.addRelated(other, weight);
        }
    }

    @Override
    protected double strength(ItemRelations from, int i) {
        double norm;
        if (similarity == Similarity.CONDITIONAL) {
            norm = from.occurrences();
        } else {
            ItemRelations to = relationsOf(from.related(i));
            norm = to == null ? 0 : Math.sqrt(from.occurrences() * to.occurrences());
        }
        // 0 when an item's own counts were evicted and it came back only as someone's neighbour
        return norm > 0 ? from.weight(i) / norm : 0;
    }
}
