package io.reflex.recommender.sim;

/**
 * Knobs of the shopper simulator. Probabilities are per session step; times are event time.
 *
 * @param seed                 everything random derives from it: same settings, same event sequence
 * @param startMillis          event time of the first session
 * @param initialItems         catalogue size at the start (new items arrive later)
 * @param categories           item categories; sessions mostly browse within one
 * @param bundleShare          share of items in a planted "bought together" group of 2-3 items
 * @param sequenceShare        share of items in a planted ordered chain (a series: part 1 -> 2 -> 3 ...)
 * @param newItemEveryEvents   a new item enters the catalogue every this many events
 * @param driftEveryEvents     the set of trending items changes every this many events
 * @param returningShare       share of sessions by an existing user (the rest are new users)
 * @param oneOffShare          share of sessions that are 1-2 events long (the long tail)
 * @param meanSessionLength    mean events of the other sessions (geometric)
 * @param sessionArrivalMillis mean time between session starts
 * @param eventGapMillis       mean time between two events of one session
 */
public record SimulatorSettings(long seed, long startMillis, int initialItems, int categories, double bundleShare,
                                double sequenceShare, int newItemEveryEvents, int driftEveryEvents,
                                double returningShare, double oneOffShare, double meanSessionLength,
                                long sessionArrivalMillis, long eventGapMillis) {

    public static final long START_2026 = 1_767_225_600_000L; // 2026-01-01T00:00:00Z

    /** A mid-size shop: ~3,000 items, ~1.7 events/s, so a few hundred thousand events span about two days. */
    public static SimulatorSettings defaults(long seed) {
        return new SimulatorSettings(seed, START_2026, 3_000, 60, 0.3, 0.15, 250, 20_000, 0.6, 0.3, 10,
                5_000, 20_000);
    }
}
