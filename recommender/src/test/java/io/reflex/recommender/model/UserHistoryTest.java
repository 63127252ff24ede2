package io.reflex.recommender.model;

import static io.reflex.recommender.model.Events.buy;
import static io.reflex.recommender.model.Events.view;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UserHistoryTest {
  private static final UserHistory.Limits LIMITS = new UserHistory.Limits(3, 2, 30 * 60_000);
  private final ItemCatalog items = new ItemCatalog(100);

  private UserHistory historyOf(Interaction... events) {
    UserHistory history = new UserHistory("u", LIMITS);
    for (Interaction e : events) {
      history.record(items.learn(e.item(), slot -> {}), e);
    }
    return history;
  }

  private long[] refs(String... names) {
    long[] refs = new long[names.length];
    for (int i = 0; i < names.length; i++) {
      refs[i] = items.find(names[i]);
    }
    return refs;
  }

  private static long[] recent(UserHistory history, int limit) {
    long[] into = new long[limit];
    return java.util.Arrays.copyOf(into, history.recentDistinctItems(into));
  }

  @Test
  void keepsOnlyTheLastEventsNewestFirst() {
    UserHistory history =
        historyOf(
            view("u", "a", 0),
            view("u", "b", 1),
            view("u", "c", 2),
            view("u", "d", 3),
            view("u", "e", 4));

    assertThat(history.size()).isEqualTo(3);
    assertThat(recent(history, 10)).containsExactly(refs("e", "d", "c"));
    assertThat(history.lastSeenMillis()).isEqualTo(Events.ORIGIN + 4 * 60_000);
  }

  @Test
  void distinctItemsSkipRepeatsAndStopAtTheBuffer() {
    UserHistory history = historyOf(view("u", "a", 0), view("u", "b", 1), view("u", "a", 2));

    assertThat(recent(history, 10)).containsExactly(refs("a", "b"));
    assertThat(recent(history, 1)).containsExactly(refs("a"));
  }

  @Test
  void remembersOnlyTheLatestPurchases() {
    UserHistory history =
        historyOf(buy("u", "a", 0), buy("u", "b", 1), buy("u", "a", 2), buy("u", "c", 3));

    assertThat(history.purchased()).containsExactly(refs("a", "c"));
    assertThat(history.hasPurchased(items.find("b"))).isFalse();
  }

  @Test
  void startsANewSessionAfterTheInactivityGapOrAnotherSessionId() {
    UserHistory history = historyOf(view("u", "a", 0), view("u", "b", 10));
    assertThat(history.sessionOrdinal()).isEqualTo(1);
    assertThat(history.currentSessionSize(null)).isEqualTo(2);

    history.record(0, view("u", "c", 50)); // 40 minutes later: past the 30-minute gap
    assertThat(history.sessionOrdinal()).isEqualTo(2);
    assertThat(history.currentSessionSize(null)).isEqualTo(1);

    history.record(
        0, new Interaction("u", "d", InteractionType.VIEW, Events.ORIGIN + 51 * 60_000, "s9"));
    assertThat(history.sessionOrdinal()).isEqualTo(3);
    assertThat(history.currentSessionSize("s9")).isEqualTo(1);
    assertThat(history.currentSessionSize("another")).isZero();
  }
}
