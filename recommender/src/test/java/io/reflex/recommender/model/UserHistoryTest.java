package io.reflex.recommender.model;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.reflex.recommender.model.Events.buy;
import static io.reflex.recommender.model.Events.view;
import static org.assertj.core.api.Assertions.assertThat;

class UserHistoryTest {
    private static final UserHistory.Limits LIMITS = new UserHistory.Limits(3, 2, 30 * 60_000);

    private static UserHistory historyOf(Interaction... events) {
        UserHistory history = new UserHistory("u", LIMITS);
        for (Interaction e : events) {
            history.record(e);
        }
        return history;
    }

    @Test
    void keepsOnlyTheLastEventsNewestFirst() {
        UserHistory history = historyOf(view("u", "a", 0), view("u", "b", 1), view("u", "c", 2),
                view("u", "d", 3), view("u", "e", 4));

        assertThat(history.size()).isEqualTo(3);
        assertThat(history.recentDistinctItems(10)).containsExactly("e", "d", "c");
        assertThat(history.lastSeenMillis()).isEqualTo(Events.ORIGIN + 4 * 60_000);
    }

    @Test
    void remembersOnlyTheLatestPurchases() {
        UserHistory history = historyOf(buy("u", "a", 0), buy("u", "b", 1), buy("u", "c", 2));

        assertThat(history.purchased()).containsExactly("b", "c");
        assertThat(history.hasPurchased("a")).isFalse();
    }

    @Test
    void startsANewSessionAfterTheInactivityGapOrAnotherSessionId() {
        UserHistory history = historyOf(view("u", "a", 0), view("u", "b", 10));
        assertThat(history.sessionOrdinal()).isEqualTo(1);
        assertThat(history.currentSessionSize(null)).isEqualTo(2);

        history.record(view("u", "c", 50)); // 40 minutes later: past the 30-minute gap
        assertThat(history.sessionOrdinal()).isEqualTo(2);
        assertThat(history.currentSessionSize(null)).isEqualTo(1);

        history.record(new Interaction("u", "d", InteractionType.VIEW, Events.ORIGIN + 51 * 60_000, "s9"));
        assertThat(history.sessionOrdinal()).isEqualTo(3);
        assertThat(history.currentSessionSize("s9")).isEqualTo(1);
        assertThat(history.currentSessionSize("another")).isZero();
    }

    @Test
    void bytesRoundTripExactly() {
        UserHistory history = historyOf(view("u", "a", 0), buy("u", "b", 1), view("u", "c", 2), view("u", "d", 3));

        byte[] bytes = history.toBytes();
        UserHistory copy = UserHistory.fromBytes(bytes, LIMITS);

        assertThat(copy.toBytes()).isEqualTo(bytes);
        assertThat(copy.user()).isEqualTo("u");
        assertThat(copy.recentDistinctItems(10)).containsExactly("d", "c", "b");
        assertThat(copy.type(1)).isEqualTo(InteractionType.VIEW);
        assertThat(copy.type(2)).isEqualTo(InteractionType.PURCHASE);
        assertThat(copy.timeMillis(0)).isEqualTo(history.timeMillis(0));
        assertThat(copy.purchased()).containsExactly("b");
        assertThat(copy.sessionOrdinal()).isEqualTo(history.sessionOrdinal());
        assertThat(copy.lastSeenMillis()).isEqualTo(history.lastSeenMillis());
    }

    @Test
    void sameHistorySameBytesAndSmallerLimitsKeepTheNewest() {
        List<Interaction> events = List.of(view("u", "a", 0), view("u", "b", 1), view("u", "c", 2));
        byte[] first = historyOf(events.toArray(Interaction[]::new)).toBytes();
        byte[] second = historyOf(events.toArray(Interaction[]::new)).toBytes();
        assertThat(first).isEqualTo(second);

        UserHistory smaller = UserHistory.fromBytes(first, new UserHistory.Limits(2, 2, 1));
        assertThat(smaller.recentDistinctItems(10)).containsExactly("c", "b");
    }
}
