package io.reflex.router.log;

import io.reflex.common.event.LogPosition;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Recognises a second copy of an event in the log. A write whose confirmation was lost (the broker
 * went away after storing it) is answered "unavailable" and sent again by the client, so the same
 * event identity can sit at two positions; only the first is routed. The same position seen again
 * is a retry, not a copy. Bounded: the identities of the most recent {@code maxEntries} events.
 */
final class LogCopies {

  private final LinkedHashMap<String, Long> firstPositions;

  LogCopies(int maxEntries) {
    this.firstPositions =
        new LinkedHashMap<>(1024, 0.75f, false) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > maxEntries;
          }
        };
  }

  /** Whether the event at {@code position} repeats an identity first seen at another position. */
  boolean isCopy(String identity, long position) {
    Long first = firstPositions.putIfAbsent(identity, position);
    return first != null
        && first != position
        && LogPosition.partition(first) == LogPosition.partition(position);
  }
}
