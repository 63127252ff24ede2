package io.reflex.recommender.model;

import java.util.Iterator;
import java.util.LinkedHashMap;

/**
 * The per-user state of one model. Kept in order of last event so that expiring idle users (by event time) and
 * enforcing the user cap both only ever look at the head: O(1) amortised per event.
 */
final class UserHistories {
    private final LinkedHashMap<String, UserHistory> byUser = new LinkedHashMap<>();
    private final UserHistory.Limits limits;
    private final long idleExpiryMillis;
    private final int maxUsers;

    UserHistories(ModelSettings settings) {
        this.limits = UserHistory.Limits.of(settings);
        this.idleExpiryMillis = settings.userIdleExpiryMillis();
        this.maxUsers = settings.maxUsers();
    }

    /** The user's history, or null for a user never seen or already expired. */
    UserHistory find(String user) {
        return byUser.get(user);
    }

    /** The user's history (new if needed) moved to the most-recent end, after dropping users idle at {@code now}. */
    UserHistory touch(String user, long now) {
        expireIdle(now);
        UserHistory history = byUser.remove(user);
        if (history == null) {
            history = new UserHistory(user, limits);
            if (byUser.size() >= maxUsers) {
                removeOldest();
            }
        }
        byUser.put(user, history);
        return history;
    }

    private void expireIdle(long now) {
        Iterator<UserHistory> oldestFirst = byUser.values().iterator();
        while (oldestFirst.hasNext() && now - oldestFirst.next().lastSeenMillis() > idleExpiryMillis) {
            oldestFirst.remove();
        }
    }

    private void removeOldest() {
        Iterator<UserHistory> oldestFirst = byUser.values().iterator();
        oldestFirst.next();
        oldestFirst.remove();
    }

    /** A transient one-event history, used to ask a model which items follow or accompany a single item. */
    UserHistory single(String item, long now) {
        UserHistory history = new UserHistory("", limits);
        history.record(new Interaction("", item, InteractionType.VIEW, now, null));
        return history;
    }

    int size() {
        return byUser.size();
    }
}
