package io.reflex.common.event;

/**
 * Remembers event identities for a time window so that a repeat of a recent {@code (source, id)} is
 * recognised: ingestion's deduplication of what clients send, and the gateway's of what it pushes.
 * Bounded twice: entries older than the window are dropped, and beyond {@code maxEntries} the
 * oldest go first.
 *
 * <p>Each identity is kept as its 128-bit {@link IdentityHash} in primitive arrays: a ring in
 * arrival order (so the eldest is always the next to expire) and an open-addressed index into it. A
 * filter of a million identities is then about 32 MB and no objects at all, where a map of strings
 * was about 150 MB of small objects that every young collection had to copy and whose table it had
 * to scan: at 5,000 events/s that map alone set the mesh's p99 (BENCHMARKS.md).
 */
public final class DuplicateFilter {

  /** Above this the index (two positions per entry) would outgrow an array. */
  public static final int MAX_ENTRIES = 1 << 28;

  private static final int FIRST_CAPACITY = 1024;
  private static final long FORGOTTEN = Long.MIN_VALUE;

  private final long windowMillis;
  private final int maxEntries;
  private final IdentityHash hash = IdentityHash.seededAtRandom();

  /** The ring: slot {@code sequence & (capacity - 1)} holds the identity seen in that order. */
  private long[] high;

  private long[] low;
  private long[] seenAt;

  /** Linear-probing index of the ring's live slots, stored as slot + 1 (0 is empty). */
  private int[] index;

  private long eldest;
  private long next;
  private int size;

  public DuplicateFilter(long windowMillis, int maxEntries) {
    if (maxEntries < 1 || maxEntries > MAX_ENTRIES) {
      throw new IllegalArgumentException(
          "maxEntries must be between 1 and " + MAX_ENTRIES + ", was " + maxEntries);
    }
    this.windowMillis = windowMillis;
    this.maxEntries = maxEntries;
    allocate(Math.min(FIRST_CAPACITY, ringCapacityFor(maxEntries)));
  }

  /** Records the identity and tells whether it was already seen within the window. */
  public boolean isDuplicate(String identity, long nowMillis) {
    return isDuplicate((CharSequence) identity, nowMillis);
  }

  /**
   * Records the event's {@link CloudEvent#identity() identity} and tells whether it was already
   * seen within the window, without building the identity's string.
   */
  public boolean isDuplicate(CloudEvent event, long nowMillis) {
    return isDuplicate(new Identity(event.source(), event.id()), nowMillis);
  }

  private boolean isDuplicate(CharSequence identity, long nowMillis) {
    expire(nowMillis);
    long h = hash.high(identity);
    long l = hash.low(identity);
    if (find(h, l) >= 0) {
      return true;
    }
    if (next - eldest == high.length) {
      if (high.length < ringCapacityFor(maxEntries)) {
        allocate(high.length * 2);
      } else {
        dropEldest();
      }
    }
    if (next - eldest >= maxEntries) {
      dropEldest();
    }
    int slot = slot(next++);
    high[slot] = h;
    low[slot] = l;
    seenAt[slot] = nowMillis;
    index[freePosition(l)] = slot + 1;
    size++;
    return false;
  }

  /**
   * Forgets an identity whose event could not be handed on, so a retry is not mistaken for a
   * duplicate.
   */
  public void forget(String identity) {
    int position = find(hash.high(identity), hash.low(identity));
    if (position >= 0) {
      seenAt[index[position] - 1] = FORGOTTEN;
      unindex(position);
      size--;
    }
  }

  public int size() {
    return size;
  }

  private void expire(long nowMillis) {
    while (next > eldest) {
      long at = seenAt[slot(eldest)];
      if (at != FORGOTTEN && nowMillis - at < windowMillis) {
        return;
      }
      dropEldest();
    }
  }

  private void dropEldest() {
    int slot = slot(eldest++);
    if (seenAt[slot] != FORGOTTEN) {
      int position = home(low[slot]);
      while (index[position] != slot + 1) {
        position = (position + 1) & (index.length - 1);
      }
      unindex(position);
      size--;
    }
  }

  /** The index position holding this identity, or -1. */
  private int find(long h, long l) {
    int mask = index.length - 1;
    for (int position = home(l); index[position] != 0; position = (position + 1) & mask) {
      int slot = index[position] - 1;
      if (low[slot] == l && high[slot] == h) {
        return position;
      }
    }
    return -1;
  }

  private int freePosition(long l) {
    int position = home(l);
    while (index[position] != 0) {
      position = (position + 1) & (index.length - 1);
    }
    return position;
  }

  /** Empties a position and shifts later entries of the same probe run back into the gap. */
  private void unindex(int position) {
    int mask = index.length - 1;
    int gap = position;
    int probe = position;
    while (true) {
      probe = (probe + 1) & mask;
      if (index[probe] == 0) {
        index[gap] = 0;
        return;
      }
      int home = home(low[index[probe] - 1]);
      boolean homeInGapToProbe =
          gap <= probe ? gap < home && home <= probe : gap < home || home <= probe;
      if (!homeInGapToProbe) {
        index[gap] = index[probe];
        gap = probe;
      }
    }
  }

  /** Moves the ring into arrays of the given capacity, keeping arrival order, and re-indexes. */
  private void allocate(int capacity) {
    long[] oldHigh = high;
    long[] oldLow = low;
    long[] oldSeenAt = seenAt;
    high = new long[capacity];
    low = new long[capacity];
    seenAt = new long[capacity];
    index = new int[capacity * 2];
    for (long sequence = eldest; sequence < next; sequence++) {
      int from = (int) (sequence & (oldHigh.length - 1));
      int to = slot(sequence);
      high[to] = oldHigh[from];
      low[to] = oldLow[from];
      seenAt[to] = oldSeenAt[from];
      if (seenAt[to] != FORGOTTEN) {
        index[freePosition(low[to])] = to + 1;
      }
    }
  }

  private int slot(long sequence) {
    return (int) (sequence & (high.length - 1));
  }

  private int home(long l) {
    return (int) (l ^ (l >>> 32)) & (index.length - 1);
  }

  /** The characters of {@link CloudEvent#identity()}, read from its two parts. */
  private record Identity(String source, String id) implements CharSequence {

    Identity {
      source = String.valueOf(source); // as the identity's concatenation writes a missing part
      id = String.valueOf(id);
    }

    @Override
    public int length() {
      return source.length() + 1 + id.length();
    }

    @Override
    public char charAt(int index) {
      if (index < source.length()) {
        return source.charAt(index);
      }
      return index == source.length() ? '\u0000' : id.charAt(index - source.length() - 1);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return toString().subSequence(start, end);
    }

    @Override
    public String toString() {
      return source + '\u0000' + id;
    }
  }

  private static int ringCapacityFor(int entries) {
    return Math.max(2, Integer.highestOneBit(entries - 1) << 1);
  }
}
