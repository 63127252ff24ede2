package io.reflex.recommender.model;

/** Terse event construction for tests: times in minutes from an arbitrary origin. */
final class Events {
  static final long ORIGIN = 1_767_225_600_000L;

  private Events() {}

  static Interaction view(String user, String item, long minute) {
    return new Interaction(user, item, InteractionType.VIEW, ORIGIN + minute * 60_000, null);
  }

  static Interaction buy(String user, String item, long minute) {
    return new Interaction(user, item, InteractionType.PURCHASE, ORIGIN + minute * 60_000, null);
  }
}
