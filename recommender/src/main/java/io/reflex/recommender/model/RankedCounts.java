package io.reflex.recommender.model;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Item counts by catalogue slot plus the best-ranked of them in order (count descending, id
 * ascending for determinism). Readers only ever look at the top of the ranking (a cold list, a few
 * top-ups), so only the top {@code TOP} are kept sorted: an increment is a compare with the last of
 * them and, now and then, a short move up; a tree of every item cost two O(log n) re-keyings per
 * event. When readers ask past what is kept, or a decrement or removal may have let an unranked
 * item into the top, the ranking is rebuilt from the counts once, lazily.
 */
final class RankedCounts {
  private static final int TOP = 128;
  private static final double GONE = 1e-9; // counts at or below this are removed

  private final ItemCatalog items;
  private double[] counts = new double[0];
  private long[] refs = new long[0]; // ref + 1 per slot, 0 = no count
  private int[] rankOf = new int[0]; // position in top, or -1
  private int[] top = new int[TOP]; // slots, best first
  private int topSize;
  private int live; // slots with a count
  private boolean stale; // an item outside top may now belong in it

  RankedCounts(ItemCatalog items) {
    this.items = items;
  }

  /**
   * Adds {@code delta} to the count of the item with ref {@code ref}; a stale ref (evicted item)
   * changes nothing.
   */
  void add(long ref, double delta) {
    int slot = ItemCatalog.slot(ref);
    if (slot >= counts.length) {
      int length = Math.max(items.slotCount(), 2 * counts.length);
      counts = Arrays.copyOf(counts, length);
      refs = Arrays.copyOf(refs, length);
      rankOf =
          Arrays.copyOf(
              rankOf, length); // read only for slots with a count, set when counting starts
    }
    if (refs[slot] == 0) {
      if (delta <= GONE) {
        return;
      }
      refs[slot] = ref + 1;
      rankOf[slot] = -1;
      live++;
    } else if (refs[slot] != ref + 1) {
      return;
    }
    counts[slot] += delta;
    if (counts[slot] <= GONE) {
      remove(slot);
    } else if (delta > 0) {
      raised(slot);
    } else if (rankOf[slot] >= 0) {
      int last = top[topSize - 1]; // every unranked item ranks below it
      if (live == topSize || slot != last && before(slot, last)) {
        lowered(slot);
      } else {
        stale = true; // it may have fallen below an item that is not ranked
      }
    }
  }

  /** Drops the item in catalogue slot {@code slot}. */
  void forget(int slot) {
    if (slot < refs.length && refs[slot] != 0) {
      remove(slot);
    }
  }

  private void remove(int slot) {
    int rank = rankOf[slot];
    if (rank >= 0) {
      System.arraycopy(top, rank + 1, top, rank, topSize - rank - 1);
      topSize--;
      for (int r = rank; r < topSize; r++) {
        rankOf[top[r]] = r;
      }
    }
    counts[slot] = 0;
    refs[slot] = 0;
    rankOf[slot] = -1;
    live--;
    if (live > topSize) {
      stale = true; // the best unranked item now belongs in the top
    }
  }

  /**
   * A count went up: it may enter the top or move up within it; every unranked item stays below the
   * last.
   */
  private void raised(int slot) {
    int rank = rankOf[slot];
    if (rank < 0) {
      if (topSize == top.length) {
        if (!before(slot, top[topSize - 1])) {
          return;
        }
        rankOf[top[--topSize]] = -1;
      }
      rank = topSize++;
      top[rank] = slot;
    }
    while (rank > 0 && before(slot, top[rank - 1])) {
      top[rank] = top[rank - 1];
      rankOf[top[rank]] = rank;
      rank--;
    }
    top[rank] = slot;
    rankOf[slot] = rank;
  }

  /** A ranked count went down but stays above every unranked item: it moves down within the top. */
  private void lowered(int slot) {
    int rank = rankOf[slot];
    while (rank + 1 < topSize && before(top[rank + 1], slot)) {
      top[rank] = top[rank + 1];
      rankOf[top[rank]] = rank;
      rank++;
    }
    top[rank] = slot;
    rankOf[slot] = rank;
  }

  /** Whether {@code a} ranks before {@code b}: higher count, then smaller id. */
  private boolean before(int a, int b) {
    int byCount = Double.compare(counts[b], counts[a]);
    return byCount != 0 ? byCount < 0 : name(a).compareTo(name(b)) < 0;
  }

  private String name(int slot) {
    return items.name(refs[slot] - 1);
  }

  /** Multiplies every count by {@code factor} (> 0): ranks are unchanged. */
  void scale(double factor) {
    for (int slot = 0; slot < counts.length; slot++) {
      counts[slot] *= factor;
    }
  }

  /** The slot ranked {@code rank} (0 = best), or -1 when fewer items have a count. */
  int slotAt(int rank) {
    if (rank >= live) {
      return -1;
    }
    if (stale || rank >= topSize) {
      rebuild(Math.max(TOP, 2 * (rank + 1)));
    }
    return top[rank];
  }

  long refAt(int slot) {
    return refs[slot] - 1;
  }

  double count(int slot) {
    return counts[slot];
  }

  double topCount() {
    int best = slotAt(0);
    return best < 0 ? 0 : counts[best];
  }

  /** The counts by slot; the ranking is rebuilt from them on the first read after a restore. */
  void writeTo(DataOutput out) throws IOException {
    out.writeInt(live);
    for (int slot = 0; slot < refs.length; slot++) {
      if (refs[slot] != 0) {
        out.writeLong(refs[slot] - 1);
        out.writeDouble(counts[slot]);
      }
    }
  }

  void readFrom(DataInput in) throws IOException {
    int count = in.readInt();
    for (int i = 0; i < count; i++) {
      long ref = in.readLong();
      int slot = ItemCatalog.slot(ref);
      if (slot >= counts.length) {
        int length = Math.max(slot + 1, Math.max(items.slotCount(), 2 * counts.length));
        counts = Arrays.copyOf(counts, length);
        refs = Arrays.copyOf(refs, length);
        rankOf = Arrays.copyOf(rankOf, length);
      }
      refs[slot] = ref + 1;
      counts[slot] = in.readDouble();
      rankOf[slot] = -1;
      live++;
    }
    stale = live > 0;
  }

  /**
   * Ranks every counted item and keeps the best {@code size}. Rare: only after removals or deep
   * reads.
   */
  private void rebuild(int size) {
    Comparator<Integer> order = (a, b) -> before(a, b) ? -1 : before(b, a) ? 1 : 0;
    int[] ranked =
        IntStream.range(0, refs.length)
            .filter(slot -> refs[slot] != 0)
            .boxed()
            .sorted(order)
            .limit(size)
            .mapToInt(Integer::intValue)
            .toArray();
    for (int r = 0; r < topSize; r++) {
      rankOf[top[r]] = -1;
    }
    top = Arrays.copyOf(ranked, Math.max(size, ranked.length));
    topSize = ranked.length;
    for (int r = 0; r < topSize; r++) {
      rankOf[top[r]] = r;
    }
    stale = false;
  }
}
