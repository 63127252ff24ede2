package io.reflex.recommender.model;

/** A best-first list of items by some notion of popularity: the cold-start answer and the top-up of every list. */
abstract class PopularityRanking {
    /** The ranked counts both kinds of popularity keep; they differ only in how an event changes them. */
    protected final RankedCounts counts = new RankedCounts();

    /** Counts one interaction of {@code weight} with {@code item} at event time {@code timeMillis}. */
    abstract void record(String item, double weight, long timeMillis);

    /** Items best first; {@code count / topCount()} is the share of the top item, in (0, 1]. */
    Iterable<RankedCounts.Entry> ranked() {
        return counts;
    }

    double topCount() {
        return counts.topCount();
    }

    /** The instance of {@code item} this ranking holds (or {@code item} itself): lets all state share one String. */
    String canonical(String item) {
        return counts.canonical(item);
    }
}
