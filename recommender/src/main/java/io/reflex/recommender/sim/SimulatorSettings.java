package io.reflex.recommender.sim;

import java.util.List;

/**
 * Knobs of the shopper simulator. Probabilities are per session step; times are event time.
 *
 * @param seed everything random derives from it: same settings, same event sequence
 * @param startMillis event time of the first session
 * @param initialItems catalogue size at the start (new items arrive later)
 * @param categories item categories; sessions mostly browse within one
 * @param bundleShare share of items in a planted "bought together" group of 2-3 items
 * @param sequenceShare share of items in a planted ordered chain (a series: part 1 -> 2 -> 3 ...)
 * @param newItemEveryEvents a new item enters the catalogue every this many events
 * @param driftEveryEvents the set of trending items changes every this many events
 * @param returningShare share of sessions by an existing user (the rest are new users)
 * @param oneOffShare share of sessions that are 1-2 events long (the long tail)
 * @param meanSessionLength mean events of the other sessions (geometric)
 * @param sessionArrivalMillis mean time between session starts
 * @param eventGapMillis mean time between two events of one session
 * @param reviewShare chance that a step re-views an item of the session
 * @param cartShare chance that a step puts the item in the cart (bought at the session's end,
 *     maybe)
 * @param anonymous every session is a new, anonymous user (click logs without log-in)
 * @param consumeOnce a user never meets an item twice (ratings logs: one rating per film)
 * @param staplesShare chance that a step goes to one of the user's staple items, carted to be
 *     bought again
 */
public record SimulatorSettings(
    long seed,
    long startMillis,
    int initialItems,
    int categories,
    double bundleShare,
    double sequenceShare,
    int newItemEveryEvents,
    int driftEveryEvents,
    double returningShare,
    double oneOffShare,
    double meanSessionLength,
    long sessionArrivalMillis,
    long eventGapMillis,
    double reviewShare,
    double cartShare,
    boolean anonymous,
    boolean consumeOnce,
    double staplesShare) {

  public static final long START_2026 = 1_767_225_600_000L; // 2026-01-01T00:00:00Z

  /**
   * The regimes {@link #regime} knows, each a different shape of log for the same default model.
   */
  public static final List<String> REGIMES =
      List.of("shop", "shop-large", "sessions", "ratings", "repeat-buyers");

  /**
   * A mid-size shop: ~3,000 items, ~1.7 events/s, so a few hundred thousand events span about two
   * days.
   */
  public static SimulatorSettings defaults(long seed) {
    return new SimulatorSettings(
        seed,
        START_2026,
        3_000,
        60,
        0.3,
        0.15,
        250,
        20_000,
        0.6,
        0.3,
        10,
        5_000,
        20_000,
        0.18,
        0.1,
        false,
        false,
        0);
  }

  /**
   * A regime by name: {@code shop} ({@link #defaults}), {@code shop-large} (10,000 items in 200
   * categories, mostly new shoppers, short sessions, fast drift), {@code sessions} (anonymous click
   * sessions, views only), {@code ratings} (about 1,000 users with long histories who never meet an
   * item twice, no sessions to speak of) and {@code repeat-buyers} (regulars who come back for
   * their staple items and buy them again).
   */
  public static SimulatorSettings regime(String name, long seed) {
    SimulatorSettings shop = defaults(seed);
    return switch (name) {
      case "shop" -> shop;
      case "shop-large" ->
          new SimulatorSettings(
              seed,
              START_2026,
              10_000,
              200,
              0.3,
              0.15,
              100,
              10_000,
              0.3,
              0.4,
              6,
              2_000,
              20_000,
              0.18,
              0.1,
              false,
              false,
              0);
      case "sessions" ->
          new SimulatorSettings(
              seed,
              START_2026,
              3_000,
              60,
              0.3,
              0.15,
              250,
              20_000,
              0,
              0.3,
              6,
              3_000,
              20_000,
              0.18,
              0,
              true,
              false,
              0);
      case "ratings" ->
          new SimulatorSettings(
              seed,
              START_2026,
              3_000,
              60,
              0.3,
              0.15,
              1_000,
              50_000,
              0.95,
              0,
              20,
              600_000,
              60_000,
              0,
              0,
              false,
              true,
              0);
      case "repeat-buyers" ->
          new SimulatorSettings(
              seed,
              START_2026,
              3_000,
              60,
              0.3,
              0.15,
              250,
              20_000,
              0.9,
              0.2,
              8,
              20_000,
              20_000,
              0.1,
              0.05,
              false,
              false,
              0.4);
      default ->
          throw new IllegalArgumentException("unknown regime '" + name + "'; known: " + REGIMES);
    };
  }
}
