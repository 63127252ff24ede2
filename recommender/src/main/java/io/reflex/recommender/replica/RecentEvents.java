package io.reflex.recommender.replica;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashSet;

/**
 * The identities {@code (source, id)} of the last {@code capacity} events a replica learned, so
 * that learning is idempotent within that window: a router retry, or an event that reaches a
 * joining replica both inside the model snapshot it received and live, is learned once. Part of the
 * replica's snapshot for that second reason.
 */
public final class RecentEvents {
  private final int capacity;
  private final LinkedHashSet<String> identities = new LinkedHashSet<>();

  public RecentEvents(int capacity) {
    if (capacity <= 0) {
      throw new IllegalArgumentException("capacity must be > 0: " + capacity);
    }
    this.capacity = capacity;
  }

  /**
   * Records the identity; false when it is already among the recent ones (the event is a repeat).
   */
  public boolean firstSeen(String identity) {
    if (!identities.add(identity)) {
      return false;
    }
    if (identities.size() > capacity) {
      Iterator<String> oldest = identities.iterator();
      oldest.next();
      oldest.remove();
    }
    return true;
  }

  void writeTo(DataOutput out) throws IOException {
    out.writeInt(identities.size());
    for (String identity : identities) {
      out.writeUTF(identity);
    }
  }

  /**
   * Replaces the window with the one written by {@link #writeTo}, oldest first, keeping this
   * window's bound.
   */
  void readFrom(DataInput in) throws IOException {
    identities.clear();
    int count = in.readInt();
    for (int i = 0; i < count; i++) {
      firstSeen(in.readUTF());
    }
  }
}
