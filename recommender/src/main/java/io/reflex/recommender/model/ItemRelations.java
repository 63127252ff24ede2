package io.reflex.recommender.model;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * The learned relations of one item: weights towards other items (co-occurrence or sequential-rule
 * counts) plus the item's own occurrence count, each kept twice: decaying with event time, and
 * lasting (never decayed). Which memory suits a stream is not known in advance (a shop drifts
 * within hours; a ratings log is sparse in time, so a half-life of hours forgets nearly everything
 * between two ratings of an item): the default model scores both and its adaptive blend picks one
 * by prequential HR@10 + MRR@10. One list holds both, so an update finds the related item once.
 *
 * <p>Bounded: it holds at most 2K related items and prunes back to the top K when full (by the sum
 * of both shares, so each memory keeps its strongest), so a long-lived popular item never grows
 * without limit. Decay is applied lazily to this item's counts only when it is next written, so
 * updates never touch other items.
 *
 * <p>A list that a reader reads the head of (the co-occurrence of the default model) keeps that
 * head, for readers that need only its strongest relations: the whole list while it holds at most
 * {@link #HEAD}, then the positions of the {@link #HEAD} of largest merit (pruning's) when it was
 * last ranked; relations added since wait for the next ranking, after a prune or {@link
 * #HEAD_REFRESH} additions. It is ranked on the learning path alone, so it is model state (written
 * in snapshots): a copy reads the same head as its original whatever either served meanwhile.
 */
final class ItemRelations {
  private static final int INITIAL_CAPACITY = 4;

  /**
   * Lists of this capacity or more find an item through {@link #index}; shorter ones scan. Up to
   * {@link #MAX_INDEXED}, as a byte holds the position.
   */
  private static final int INDEXED_FROM = 32;

  private static final int MAX_INDEXED = 254;

  /**
   * Relations in a ranked head, and additions after which it is ranked again. Reading whole lists
   * of up to 100 relations for the 10-item co-occurrence lane was most of a ratings log's
   * recommendation; heads of 10 to 30, ranked every 16 to 64 additions, scored within 0.0005 of
   * whole lists on simulator seeds 3 and 11 (RECOMMENDER.md, "Speed").
   */
  static final int HEAD = 20;

  static final int HEAD_REFRESH = 64;

  private final int keep;
  private final boolean ranksHead; // only lists some reader reads the head of: ranking costs
  private long[] related = new long[INITIAL_CAPACITY]; // item refs (ItemCatalog)
  // position + 1 of each related item, by a hash of its ref (open addressing, at most half full),
  // 0 = empty; null for short lists. Learning looks items up in ~100 lists per event on a ratings
  // log, and scanning them was a fifth of its profile
  private byte[] index;
  private float[] weights = new float[INITIAL_CAPACITY];
  private float[] lastingWeights = new float[INITIAL_CAPACITY];
  private int size;
  private double occurrences;
  private double outgoing; // everything ever added to weights, including what pruning dropped
  private double lastingOccurrences;
  private double lastingOutgoing;
  private long decayedAt = Long.MIN_VALUE;
  // positions of the head's relations, ascending; null while the list holds at most HEAD (then
  // all of them are the head)
  private int[] head;
  private int additions; // since ranking

  /**
   * Relations keeping {@code keep} after pruning; a ranked head only if {@code ranksHead}, else the
   * head is always the whole list.
   */
  ItemRelations(int keep, boolean ranksHead) {
    this.keep = keep;
    this.ranksHead = ranksHead;
  }

  /**
   * Brings all counts to event time {@code now}; cheap no-op without decay or when little time has
   * passed.
   */
  void decayTo(long now, double halfLifeMillis) {
    if (decayedAt == Long.MIN_VALUE || Double.isInfinite(halfLifeMillis)) {
      decayedAt = now;
      return;
    }
    long elapsed = now - decayedAt;
    if (elapsed * 64 < halfLifeMillis) {
      return; // at most ~1% error, saves a pass over the weights on nearly every update
    }
    float factor = (float) Math.pow(2, -elapsed / halfLifeMillis);
    for (int i = 0; i < size; i++) {
      weights[i] *= factor;
    }
    occurrences *= factor;
    outgoing *= factor;
    decayedAt = now;
  }

  void addOccurrence(double weight) {
    occurrences += weight;
    lastingOccurrences += weight;
  }

  void addRelated(long item, double weight) {
    outgoing += weight;
    lastingOutgoing += weight;
    int i = indexOf(item);
    if (i >= 0) {
      weights[i] += (float) weight;
      lastingWeights[i] += (float) weight;
      countAddition();
      return;
    }
    if (size == related.length) {
      if (size >= 2 * keep) {
        pruneToTop();
      } else {
        related = Arrays.copyOf(related, Math.min(2 * keep, size * 2));
        weights = Arrays.copyOf(weights, related.length);
        lastingWeights = Arrays.copyOf(lastingWeights, related.length);
        reindex();
      }
    }
    related[size] = item;
    weights[size] = (float) weight;
    lastingWeights[size] = (float) weight;
    if (index != null) {
      insert(size);
    }
    size++;
    countAddition();
  }

  private void countAddition() {
    if (ranksHead && (++additions >= HEAD_REFRESH || head == null && size > HEAD)) {
      rankHead();
    }
  }

  /** Where {@code item} is in the list, or -1. */
  private int indexOf(long item) {
    if (index == null) {
      for (int i = 0; i < size; i++) {
        if (related[i] == item) {
          return i;
        }
      }
      return -1;
    }
    int mask = index.length - 1;
    for (int at = hash(item) & mask; ; at = (at + 1) & mask) {
      int position = index[at] & 0xFF;
      if (position == 0) {
        return -1;
      }
      if (related[position - 1] == item) {
        return position - 1;
      }
    }
  }

  private void insert(int position) {
    int mask = index.length - 1;
    int at = hash(related[position]) & mask;
    while (index[at] != 0) {
      at = (at + 1) & mask;
    }
    index[at] = (byte) (position + 1);
  }

  /** Rebuilds the index for the current capacity and entries (after growing or pruning). */
  private void reindex() {
    int capacity = related.length;
    if (capacity < INDEXED_FROM || capacity > MAX_INDEXED) {
      index = null;
      return;
    }
    int length = Integer.highestOneBit(2 * capacity - 1) << 1; // a power of two >= 2 * capacity
    if (index == null || index.length != length) {
      index = new byte[length];
    } else {
      Arrays.fill(index, (byte) 0);
    }
    for (int i = 0; i < size; i++) {
      insert(i);
    }
  }

  /** The slot of the ref, mixed: refs of neighbouring slots spread over the table. */
  private static int hash(long ref) {
    int h = (int) ref * 0x9E3779B9;
    return h ^ (h >>> 16);
  }

  /**
   * Keeps the {@code keep} relations with the largest sum of decayed and lasting shares (ties: the
   * earliest learned). Without decay both shares are equal, so this is simply the heaviest.
   */
  private void pruneToTop() {
    int[] kept = new int[keep];
    top(merits(), keep, kept);
    for (int j = 0; j < keep; j++) { // ascending, so nothing is overwritten before it is moved
      related[j] = related[kept[j]];
      weights[j] = weights[kept[j]];
      lastingWeights[j] = lastingWeights[kept[j]];
    }
    size = keep;
    reindex();
    if (ranksHead) {
      rankHead();
    }
  }

  /** Ranks the head anew: the {@link #HEAD} relations pruning would keep last. */
  private void rankHead() {
    additions = 0;
    if (size <= HEAD) {
      head = null;
      return;
    }
    if (head == null) {
      head = new int[HEAD];
    }
    top(merits(), HEAD, head);
  }

  /**
   * Each relation's sum of shares times both totals: no division, so without decay the order is
   * exactly the weights' order (float weights stay distinct in a double product).
   */
  private double[] merits() {
    double[] merit = new double[size];
    for (int i = 0; i < size; i++) {
      merit[i] = (double) weights[i] * lastingOutgoing + (double) lastingWeights[i] * outgoing;
    }
    return merit;
  }

  /**
   * Writes into {@code into} the ascending positions of the {@code k} largest of {@code merit}
   * (ties: the earliest).
   */
  private static void top(double[] merit, int k, int[] into) {
    // the k-th largest, as sorting would find it (merits are never negative nor NaN, so plain
    // comparisons order them as Arrays.sort does), in linear time: pruning was a tenth of the
    // ratings profile
    double threshold = select(merit.clone(), merit.length - k);
    int above = 0;
    for (double m : merit) {
      if (m > threshold) {
        above++;
      }
    }
    int tiesAllowed = k - above;
    int count = 0;
    for (int i = 0; i < merit.length; i++) {
      if (merit[i] > threshold || (merit[i] == threshold && tiesAllowed-- > 0)) {
        into[count++] = i;
      }
    }
  }

  /**
   * The {@code k}-th smallest of {@code values} (0-based), reordering them: quickselect, median of
   * three.
   */
  static double select(double[] values, int k) {
    int lo = 0;
    int hi = values.length - 1;
    while (hi > lo) {
      int mid = (lo + hi) >>> 1;
      if (values[mid] < values[lo]) {
        swap(values, mid, lo);
      }
      if (values[hi] < values[lo]) {
        swap(values, hi, lo);
      }
      if (values[hi] < values[mid]) {
        swap(values, hi, mid);
      }
      double pivot = values[mid];
      int i = lo;
      int j = hi;
      while (i <= j) {
        while (values[i] < pivot) {
          i++;
        }
        while (values[j] > pivot) {
          j--;
        }
        if (i <= j) {
          swap(values, i++, j--);
        }
      }
      if (k <= j) {
        hi = j;
      } else if (k >= i) {
        lo = i;
      } else {
        return values[k]; // between the two parts: equal to the pivot
      }
    }
    return values[k];
  }

  private static void swap(double[] values, int a, int b) {
    double t = values[a];
    values[a] = values[b];
    values[b] = t;
  }

  int size() {
    return size;
  }

  long related(int i) {
    return related[i];
  }

  /** How many relations the head holds. */
  int headSize() {
    return head == null ? size : HEAD;
  }

  /** The list position of the head's relation {@code k}. */
  int headPosition(int k) {
    return head == null ? k : head[k];
  }

  /** Relation {@code i}'s weight in the decaying memory, or in the lasting one. */
  double weight(int i, boolean lasting) {
    return lasting ? lastingWeights[i] : weights[i];
  }

  double occurrences(boolean lasting) {
    return lasting ? lastingOccurrences : occurrences;
  }

  double outgoing(boolean lasting) {
    return lasting ? lastingOutgoing : outgoing;
  }

  /**
   * Exact state: restored relations decay, prune, rank their head and score bit for bit like these.
   */
  void writeTo(DataOutput out) throws IOException {
    out.writeInt(size);
    for (int i = 0; i < size; i++) {
      out.writeLong(related[i]);
      out.writeFloat(weights[i]);
      out.writeFloat(lastingWeights[i]);
    }
    out.writeDouble(occurrences);
    out.writeDouble(outgoing);
    out.writeDouble(lastingOccurrences);
    out.writeDouble(lastingOutgoing);
    out.writeLong(decayedAt);
    out.writeInt(additions);
    out.writeBoolean(head != null);
    if (head != null) {
      for (int position : head) {
        out.writeInt(position);
      }
    }
  }

  static ItemRelations readFrom(DataInput in, int keep, boolean ranksHead) throws IOException {
    ItemRelations r = new ItemRelations(keep, ranksHead);
    r.size = in.readInt();
    r.related = new long[Math.max(INITIAL_CAPACITY, r.size)];
    r.weights = new float[r.related.length];
    r.lastingWeights = new float[r.related.length];
    for (int i = 0; i < r.size; i++) {
      r.related[i] = in.readLong();
      r.weights[i] = in.readFloat();
      r.lastingWeights[i] = in.readFloat();
    }
    r.occurrences = in.readDouble();
    r.outgoing = in.readDouble();
    r.lastingOccurrences = in.readDouble();
    r.lastingOutgoing = in.readDouble();
    r.decayedAt = in.readLong();
    r.additions = in.readInt();
    if (in.readBoolean()) {
      r.head = new int[HEAD];
      for (int k = 0; k < HEAD; k++) {
        r.head[k] = in.readInt();
      }
    }
    r.reindex();
    return r;
  }
}
