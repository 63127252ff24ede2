package io.reflex.recommender.model;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * Everything the models keep about one user: the last {@code maxEvents} events (a ring that grows
 * on demand, so the many one-off users stay small), the current session and the most recent
 * purchased items. Items are catalogue refs ({@link ItemCatalog}); one may be stale when its item
 * was evicted, and readers skip those.
 */
final class UserHistory {
  private static final int INITIAL_CAPACITY = 4;
  private static final InteractionType[] TYPES = InteractionType.values();

  /** Bounds of one history; configuration, so not part of a snapshot. */
  record Limits(int maxEvents, int maxPurchased, long sessionGapMillis) {
    static Limits of(ModelSettings settings) {
      return new Limits(
          settings.maxHistoryPerUser(),
          settings.maxPurchasedPerUser(),
          settings.sessionGapMillis());
    }
  }

  private final String user;
  private final Limits limits;
  private long[] items = new long[0];
  private byte[] types = new byte[0];
  private long[] times = new long[0];
  private int size;
  private int next; // ring slot of the next write
  private String session;
  private int sessionOrdinal;
  private int sessionLength;
  private long lastSeenMillis = Long.MIN_VALUE;
  private long[] purchased = new long[0]; // oldest first
  private int purchases;
  private MetItems met; // only once the model avoids seen items: see rememberMet
  // the least-recently-active order of UserHistories, kept intrusively so moving a user costs no
  // allocation
  UserHistory newer;
  UserHistory older;

  UserHistory(String user, Limits limits) {
    this.user = user;
    this.limits = limits;
  }

  String user() {
    return user;
  }

  /**
   * Whether {@code e} opens a new session: another explicit session id, or an inactivity gap
   * without ids.
   */
  boolean startsNewSession(Interaction e) {
    if (size == 0) {
      return true;
    }
    if (e.session() != null) {
      return !e.session().equals(session);
    }
    return e.timeMillis() - lastSeenMillis > limits.sessionGapMillis();
  }

  /** Records {@code e}, whose item has catalogue ref {@code item}. */
  void record(long item, Interaction e) {
    if (startsNewSession(e)) {
      sessionOrdinal++;
      sessionLength = 0;
      session = e.session();
    }
    push(item, e.type(), e.timeMillis());
    sessionLength++;
    lastSeenMillis = Math.max(lastSeenMillis, e.timeMillis());
    if (e.type() == InteractionType.PURCHASE) {
      rememberPurchase(item);
    }
  }

  private void push(long item, InteractionType type, long time) {
    if (size == items.length && size < limits.maxEvents()) {
      grow();
    }
    items[next] = item;
    types[next] = (byte) type.ordinal();
    times[next] = time;
    next = (next + 1) % items.length;
    size = Math.min(size + 1, items.length);
  }

  /** Re-lays the ring oldest-first into bigger arrays. */
  private void grow() {
    int capacity = Math.min(limits.maxEvents(), Math.max(INITIAL_CAPACITY, items.length * 2));
    long[] newItems = new long[capacity];
    byte[] newTypes = new byte[capacity];
    long[] newTimes = new long[capacity];
    for (int age = size - 1, i = 0; age >= 0; age--, i++) {
      int slot = slot(age);
      newItems[i] = items[slot];
      newTypes[i] = types[slot];
      newTimes[i] = times[slot];
    }
    items = newItems;
    types = newTypes;
    times = newTimes;
    next = size % capacity;
  }

  /**
   * Keeps the latest {@code maxPurchased} distinct purchases; buying an item again makes it the
   * latest.
   */
  private void rememberPurchase(long item) {
    int at = indexOfPurchase(item);
    if (at >= 0) {
      System.arraycopy(purchased, at + 1, purchased, at, purchases - at - 1);
      purchases--;
    } else if (purchases == limits.maxPurchased()) {
      System.arraycopy(purchased, 1, purchased, 0, purchases - 1);
      purchases--;
    }
    if (purchases == purchased.length) {
      purchased =
          Arrays.copyOf(purchased, Math.min(limits.maxPurchased(), Math.max(2, 2 * purchases)));
    }
    purchased[purchases++] = item;
  }

  private int indexOfPurchase(long item) {
    for (int i = 0; i < purchases; i++) {
      if (purchased[i] == item) {
        return i;
      }
    }
    return -1;
  }

  private int slot(int age) {
    if (age < 0 || age >= size) {
      throw new IndexOutOfBoundsException("age " + age + " of " + size);
    }
    int slot = next - 1 - age;
    return slot < 0 ? slot + items.length : slot;
  }

  /** Number of remembered events (at most {@link Limits#maxEvents()}). */
  int size() {
    return size;
  }

  /** The item ref of the event {@code age} steps back; age 0 is the latest. */
  long item(int age) {
    return items[slot(age)];
  }

  InteractionType type(int age) {
    return TYPES[types[slot(age)]];
  }

  long timeMillis(int age) {
    return times[slot(age)];
  }

  long lastSeenMillis() {
    return lastSeenMillis;
  }

  /** Counts sessions; with {@link #user()} it names the current session uniquely. */
  int sessionOrdinal() {
    return sessionOrdinal;
  }

  /**
   * Remembered events of the current session, or 0 if the caller is in another session than the
   * last event's.
   */
  int currentSessionSize(String requestSession) {
    boolean otherSession =
        requestSession != null && session != null && !requestSession.equals(session);
    return otherSession ? 0 : Math.min(sessionLength, size);
  }

  /**
   * Writes up to {@code into.length} distinct items among the first {@code events} events back into
   * {@code into}, most recent first, and returns how many. The caller owns the buffer, so scoring
   * allocates nothing.
   */
  int recentDistinctItems(int events, long[] into) {
    return recentDistinctItems(events, into, into.length);
  }

  /** As {@link #recentDistinctItems(int, long[])}, up to {@code max} items. */
  int recentDistinctItems(long[] into, int max) {
    return recentDistinctItems(size, into, max);
  }

  private int recentDistinctItems(int events, long[] into, int max) {
    int scan = Math.min(events, size);
    int found = 0;
    for (int age = 0; age < scan && found < max; age++) {
      long item = item(age);
      if (!contains(
          into, found, item)) { // a linear scan beats hashing for the few dozen items kept per user
        into[found++] = item;
      }
    }
    return found;
  }

  int recentDistinctItems(long[] into) {
    return recentDistinctItems(size, into);
  }

  static boolean contains(long[] items, int count, long item) {
    for (int i = 0; i < count; i++) {
      if (items[i] == item) {
        return true;
      }
    }
    return false;
  }

  /** Whether any remembered event is of {@code item}. */
  boolean contains(long item) {
    // order does not matter here, and the remembered events are always cells 0 to size - 1 (the
    // ring grows only when full and is re-laid from 0), so a plain scan without ring arithmetic
    return contains(items, size, item);
  }

  /**
   * Remembers {@code item} as met for good, beyond the last events kept: the model does this only
   * while its stream does not re-consume ({@link ItemScorer#avoidsSeen}).
   */
  void rememberMet(long item) {
    if (met == null) {
      met = new MetItems();
    }
    met.add(item);
  }

  /** Whether the user met {@code item}: among the remembered events or remembered for good. */
  boolean hasMet(long item) {
    return remembersMet(item) || contains(item);
  }

  /** Whether {@code item} was remembered for good ({@link #rememberMet}). */
  boolean remembersMet(long item) {
    return met != null && met.contains(item);
  }

  boolean hasPurchased(long item) {
    return indexOfPurchase(item) >= 0;
  }

  /** Exact state, events and purchases oldest first. */
  void writeTo(DataOutput out) throws IOException {
    out.writeUTF(user);
    out.writeBoolean(session != null);
    if (session != null) {
      out.writeUTF(session);
    }
    out.writeInt(sessionOrdinal);
    out.writeInt(sessionLength);
    out.writeLong(lastSeenMillis);
    out.writeInt(size);
    for (int age = size - 1; age >= 0; age--) {
      int slot = slot(age);
      out.writeLong(items[slot]);
      out.writeByte(types[slot]);
      out.writeLong(times[slot]);
    }
    out.writeInt(purchases);
    for (int i = 0; i < purchases; i++) {
      out.writeLong(purchased[i]);
    }
    out.writeBoolean(met != null);
    if (met != null) {
      met.writeTo(out);
    }
  }

  static UserHistory readFrom(DataInput in, Limits limits) throws IOException {
    UserHistory history = new UserHistory(in.readUTF(), limits);
    history.session = in.readBoolean() ? in.readUTF() : null;
    history.sessionOrdinal = in.readInt();
    history.sessionLength = in.readInt();
    history.lastSeenMillis = in.readLong();
    int events = in.readInt();
    for (int i = 0; i < events; i++) {
      long item = in.readLong();
      InteractionType type = TYPES[in.readByte()];
      history.push(item, type, in.readLong());
    }
    int purchases = in.readInt();
    for (int i = 0; i < purchases; i++) {
      history.rememberPurchase(in.readLong());
    }
    history.met = in.readBoolean() ? MetItems.readFrom(in) : null;
    return history;
  }

  /** Purchased item refs, oldest first. */
  long[] purchased() {
    return Arrays.copyOf(purchased, purchases);
  }
}
