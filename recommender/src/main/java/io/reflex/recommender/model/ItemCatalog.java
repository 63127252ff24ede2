package io.reflex.recommender.model;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Interns item ids: every item a model knows gets a dense slot, so per-item state lives in arrays
 * indexed by slot and scoring adds into a flat array instead of hashing Strings (pointer chasing
 * and hashing were most of the profile). Bounded to {@code capacity} items: when full, the item
 * least recently learned gives its slot to the new one.
 *
 * <p>A slot is reused, so lists elsewhere (another item's relations, a user's history) may still
 * hold the old occupant. They hold <em>refs</em>, not slots: {@code generation << 32 | slot}, the
 * generation counting how often the slot was reused. A ref whose generation is not the slot's
 * current one is stale: {@link #isLive} says so and every reader skips it, so an evicted item is
 * never recommended under another item's name.
 */
final class ItemCatalog {
  private static final int INITIAL_SLOTS = 64;
  private static final int NONE = -1;

  private final int capacity;
  private final Map<String, Integer> slots = new HashMap<>();
  private String[] names = new String[INITIAL_SLOTS];
  private long[] refs = new long[INITIAL_SLOTS];
  // least-recently-learned order, as an intrusive doubly linked list over slots: O(1) per event, no
  // allocation
  private int[] newer = new int[INITIAL_SLOTS];
  private int[] older = new int[INITIAL_SLOTS];
  private int newest = NONE;
  private int oldest = NONE;
  private int size;

  ItemCatalog(int capacity) {
    this.capacity = capacity;
  }

  static int slot(long ref) {
    return (int) ref;
  }

  /**
   * The ref of {@code name}, interned if new and marked most recently learned; {@code evicted} is
   * told the slot of the item dropped to make room, before the slot is reused.
   */
  long learn(String name, IntConsumer evicted) {
    Integer known = slots.get(name);
    int slot;
    if (known != null) {
      slot = known;
      unlink(slot);
    } else if (size < capacity) {
      slot = size++;
      ensureSlots(size);
      refs[slot] = slot;
      occupy(slot, name);
    } else {
      slot = oldest;
      unlink(slot);
      evicted.accept(slot);
      slots.remove(names[slot]);
      refs[slot] += 1L << 32;
      occupy(slot, name);
    }
    linkNewest(slot);
    return refs[slot];
  }

  /** Ref of a known item, or -1. */
  long find(String name) {
    Integer slot = slots.get(name);
    return slot == null ? NONE : refs[slot];
  }

  boolean isLive(long ref) {
    int slot = slot(ref);
    return ref >= 0 && slot < size && refs[slot] == ref;
  }

  String name(long ref) {
    return names[slot(ref)];
  }

  /** Slots in use so far; every slot is below it, so it sizes per-slot arrays. */
  int slotCount() {
    return size;
  }

  /**
   * Names and refs by slot, then the slots oldest first: the LRU order decides future evictions.
   */
  void writeTo(DataOutput out) throws IOException {
    out.writeInt(size);
    for (int slot = 0; slot < size; slot++) {
      out.writeUTF(names[slot]);
      out.writeLong(refs[slot]);
    }
    for (int slot = oldest; slot != NONE; slot = newer[slot]) {
      out.writeInt(slot);
    }
  }

  void readFrom(DataInput in) throws IOException {
    int count = in.readInt();
    ensureSlots(count);
    for (int slot = 0; slot < count; slot++) {
      occupy(slot, in.readUTF());
      refs[slot] = in.readLong();
    }
    size = count;
    for (int i = 0; i < count; i++) {
      linkNewest(in.readInt());
    }
  }

  private void occupy(int slot, String name) {
    names[slot] = name;
    slots.put(name, slot);
  }

  private void ensureSlots(int needed) {
    if (needed > names.length) {
      int length = Math.max(needed, names.length * 2);
      names = Arrays.copyOf(names, length);
      refs = Arrays.copyOf(refs, length);
      newer = Arrays.copyOf(newer, length);
      older = Arrays.copyOf(older, length);
    }
  }

  private void unlink(int slot) {
    int before = older[slot];
    int after = newer[slot];
    if (before != NONE) {
      newer[before] = after;
    } else if (oldest == slot) {
      oldest = after;
    }
    if (after != NONE) {
      older[after] = before;
    } else if (newest == slot) {
      newest = before;
    }
  }

  private void linkNewest(int slot) {
    older[slot] = newest;
    newer[slot] = NONE;
    if (newest != NONE) {
      newer[newest] = slot;
    }
    newest = slot;
    if (oldest == NONE) {
      oldest = slot;
    }
  }
}
