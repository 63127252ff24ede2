package io.reflex.common.event;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers event identities for a time window so that a repeat of a recent {@code (source, id)} is
 * recognised: ingestion's deduplication of what clients send, and the gateway's of what it pushes.
 * Bounded twice: entries older than the window are dropped, and beyond {@code maxEntries} the
 * oldest go first.
 */
public final class DuplicateFilter {

  private final long windowMillis;
  private final int maxEntries;

  /** Insertion-ordered, so the eldest entry is always the first one to expire. */
  private final LinkedHashMap<String, Long> seen = new LinkedHashMap<>();

  public DuplicateFilter(long windowMillis, int maxEntries) {
    this.windowMillis = windowMillis;
    this.maxEntries = maxEntries;
  }

  /** Records the identity and tells whether it was already seen within the window. */
  public boolean isDuplicate(String identity, long nowMillis) {
    expire(nowMillis);
    Long previous = seen.putIfAbsent(identity, nowMillis);
    if (previous != null) {
      return true;
    }
    if (seen.size() > maxEntries) {
      Iterator<String> eldest = seen.keySet().iterator();
      eldest.next();
      eldest.remove();
    }
    return false;
  }

  /**
   * Forgets an identity whose event could not be handed on, so a retry is not mistaken for a
   * duplicate.
   */
  public void forget(String identity) {
    seen.remove(identity);
  }

  public int size() {
    return seen.size();
  }

  private void expire(long nowMillis) {
    Iterator<Map.Entry<String, Long>> it = seen.entrySet().iterator();
    while (it.hasNext()) {
      if (nowMillis - it.next().getValue() < windowMillis) {
        return;
      }
      it.remove();
    }
  }
}
