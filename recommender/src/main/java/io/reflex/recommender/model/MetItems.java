package io.reflex.recommender.model;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Every item one user met, beyond the last events a {@link UserHistory} keeps, for streams whose
 * users never come back to an item (ratings): there, an item met 200 events ago is as useless a
 * recommendation as one met just now, and lists gave ~1.3 of their 10 places to such items.
 *
 * <p>A set of 32-bit fingerprints of item refs (open addressing, at most half full), so 8 bytes per
 * item at worst; a false match (two refs of one fingerprint) hides a candidate, and needs an
 * evicted item's slot to be reused, so it is rare. Bounded: after {@link #MAX_ITEMS} items it stops
 * growing, and the history's last events still cover the newest ones.
 */
final class MetItems {
  static final int MAX_ITEMS = 1_024;
  private static final int INITIAL_CAPACITY = 16;

  private int[] table = new int[INITIAL_CAPACITY]; // 0 = empty
  private int size;

  void add(long item) {
    if (size == MAX_ITEMS) {
      return;
    }
    int fingerprint = fingerprint(item);
    int at = find(table, fingerprint);
    if (table[at] != 0) {
      return;
    }
    table[at] = fingerprint;
    size++;
    if (2 * size > table.length) {
      rehash(2 * table.length);
    }
  }

  boolean contains(long item) {
    int fingerprint = fingerprint(item);
    return table[find(table, fingerprint)] == fingerprint;
  }

  int size() {
    return size;
  }

  private void rehash(int capacity) {
    int[] old = table;
    table = new int[capacity];
    for (int fingerprint : old) {
      if (fingerprint != 0) {
        table[find(table, fingerprint)] = fingerprint;
      }
    }
  }

  /** The cell holding {@code fingerprint}, or the empty cell where it would go. */
  private static int find(int[] table, int fingerprint) {
    int mask = table.length - 1;
    int at = ((fingerprint * 0x9E3779B9) >>> 16) & mask;
    while (table[at] != 0 && table[at] != fingerprint) {
      at = (at + 1) & mask;
    }
    return at;
  }

  /** The slot, mixed with the slot's generation (a reused slot is another item); never 0. */
  private static int fingerprint(long item) {
    int fingerprint = (ItemCatalog.slot(item) + 1) ^ ((int) (item >>> 32) * 0x9E3779B9);
    return fingerprint == 0 ? 1 : fingerprint;
  }

  /** Exact state: the table as it is, so a restored set probes and grows the same way. */
  void writeTo(DataOutput out) throws IOException {
    out.writeInt(size);
    out.writeInt(table.length);
    for (int fingerprint : table) {
      out.writeInt(fingerprint);
    }
  }

  static MetItems readFrom(DataInput in) throws IOException {
    MetItems met = new MetItems();
    met.size = in.readInt();
    met.table = new int[in.readInt()];
    for (int i = 0; i < met.table.length; i++) {
      met.table[i] = in.readInt();
    }
    return met;
  }
}
