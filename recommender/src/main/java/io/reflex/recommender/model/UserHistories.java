package io.reflex.recommender.model;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The per-user state of one model. Kept in order of last event (an intrusive list through the
 * histories, so moving a user costs no allocation) so that expiring idle users (by event time) and
 * enforcing the user cap both only ever look at the oldest end: O(1) amortised per event.
 */
final class UserHistories {
  private final Map<String, UserHistory> byUser = new HashMap<>();
  private final UserHistory.Limits limits;
  private final long idleExpiryMillis;
  private final int maxUsers;
  private UserHistory newest;
  private UserHistory oldest;

  UserHistories(ModelSettings settings) {
    this.limits = UserHistory.Limits.of(settings);
    this.idleExpiryMillis = settings.userIdleExpiryMillis();
    this.maxUsers = settings.maxUsers();
  }

  /** The user's history, or null for a user never seen or already expired. */
  UserHistory find(String user) {
    return byUser.get(user);
  }

  /**
   * The user's history (new if needed) moved to the most-recent end, after dropping users idle at
   * {@code now}.
   */
  UserHistory touch(String user, long now) {
    expireIdle(now);
    UserHistory history = byUser.get(user);
    if (history == null) {
      if (byUser.size() >= maxUsers) {
        removeOldest();
      }
      history = new UserHistory(user, limits);
      byUser.put(user, history);
    } else {
      unlink(history);
    }
    linkNewest(history);
    return history;
  }

  /** Every history, least recently active first, so a restore rebuilds the same expiry order. */
  void writeTo(DataOutput out) throws IOException {
    out.writeInt(byUser.size());
    for (UserHistory history = oldest; history != null; history = history.newer) {
      history.writeTo(out);
    }
  }

  void readFrom(DataInput in) throws IOException {
    int count = in.readInt();
    for (int i = 0; i < count; i++) {
      UserHistory history = UserHistory.readFrom(in, limits);
      byUser.put(history.user(), history);
      linkNewest(history);
    }
  }

  private void expireIdle(long now) {
    while (oldest != null && now - oldest.lastSeenMillis() > idleExpiryMillis) {
      removeOldest();
    }
  }

  private void removeOldest() {
    UserHistory gone = oldest;
    unlink(gone);
    byUser.remove(gone.user());
  }

  private void unlink(UserHistory history) {
    if (history.older != null) {
      history.older.newer = history.newer;
    } else {
      oldest = history.newer;
    }
    if (history.newer != null) {
      history.newer.older = history.older;
    } else {
      newest = history.older;
    }
    history.newer = null;
    history.older = null;
  }

  private void linkNewest(UserHistory history) {
    history.older = newest;
    if (newest != null) {
      newest.newer = history;
    } else {
      oldest = history;
    }
    newest = history;
  }

  /**
   * A transient one-event history, used to ask a model which items follow or accompany a single
   * item.
   */
  UserHistory single(long item, long now) {
    UserHistory history = new UserHistory("", limits);
    history.record(item, new Interaction("", "", InteractionType.VIEW, now, null));
    return history;
  }

  int size() {
    return byUser.size();
  }
}
