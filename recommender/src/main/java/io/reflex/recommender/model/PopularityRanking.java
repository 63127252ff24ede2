package io.reflex.recommender.model;

/** A best-first list of items by some notion of popularity: the cold-start answer and the top-up of every list. */
interface PopularityRanking {
    void record(String item, double weight, long timeMillis);

    /** Items best first; {@code count / topCount()} is the share of the top item, in (0, 1]. */
    Iterable<RankedCounts.Entry> ranked();

    double topCount();

    /** The instance of {@code item} this ranking holds (or {@code item} itself): lets all state share one String. */
    String canonical(String item);
}
