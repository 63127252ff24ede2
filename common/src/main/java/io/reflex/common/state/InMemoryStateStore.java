package io.reflex.common.state;

import io.vertx.core.Future;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * Keyed state in this JVM, for a mesh that runs every service in one process. Updates run at once
 * on the caller's thread; each map keeps entries in order of last access, so expiring idle entries
 * only ever looks at the head, and its wakes in heaps by event time and by wall time, so finding
 * the due ones only ever looks at the heads.
 */
public final class InMemoryStateStore implements KeyedStateStore {

  private final StateSettings settings;
  private final LongSupplier clockMillis;
  private final Map<String, StoreMap> maps = new HashMap<>();

  /** A store whose entries never expire. */
  public InMemoryStateStore() {
    this(StateSettings.none());
  }

  public InMemoryStateStore(StateSettings settings) {
    this(settings, System::currentTimeMillis);
  }

  InMemoryStateStore(StateSettings settings, LongSupplier clockMillis) {
    this.settings = settings;
    this.clockMillis = clockMillis;
  }

  @Override
  public synchronized <R extends Serializable> Future<R> update(
      String map, String key, StateUpdate<R> update) {
    StoreMap entries = entries(map);
    Entry current = entries.values.get(key);
    StateChange<R> change;
    try {
      change = update.apply(current == null ? null : current.value);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    if (change.newValue() == null) {
      entries.remove(key);
    } else {
      Wake previous = current == null ? null : current.wake;
      entries.put(
          key,
          new Entry(
              change.newValue(),
              clockMillis.getAsLong(),
              change.wake() == null ? null : change.wake().after(previous)));
    }
    return Future.succeededFuture(change.result());
  }

  @Override
  public synchronized Future<Void> put(String map, String key, byte[] value) {
    entries(map).put(key, new Entry(value, clockMillis.getAsLong(), null));
    return Future.succeededFuture();
  }

  @Override
  public synchronized Future<byte[]> get(String map, String key) {
    Entry entry = entries(map).values.get(key);
    if (entry == null) {
      return Future.succeededFuture();
    }
    entry.lastAccessMillis = clockMillis.getAsLong();
    return Future.succeededFuture(entry.value);
  }

  @Override
  public synchronized Future<Map<String, Long>> due(String map, long eventTime, long wallNow) {
    StoreMap entries = entries(map);
    Map<String, Long> due = new HashMap<>();
    entries.due(entries.byEventTime, timed -> timed.wake.eventTime() < eventTime, due);
    entries.due(entries.byWallTime, timed -> timed.wake.wallTime() <= wallNow, due);
    return Future.succeededFuture(due);
  }

  /** Number of entries in {@code map} that have not expired. */
  @Override
  public synchronized Future<Integer> size(String map) {
    return Future.succeededFuture(entries(map).values.size());
  }

  private StoreMap entries(String map) {
    StoreMap entries = maps.computeIfAbsent(map, m -> new StoreMap());
    long maxIdle = settings.maxIdleMillis(map);
    if (maxIdle > 0) {
      long now = clockMillis.getAsLong();
      Iterator<Map.Entry<String, Entry>> leastRecentFirst = entries.values.entrySet().iterator();
      while (leastRecentFirst.hasNext()) {
        Map.Entry<String, Entry> next = leastRecentFirst.next();
        if (now - next.getValue().lastAccessMillis <= maxIdle) {
          break;
        }
        next.getValue().forget();
        leastRecentFirst.remove();
      }
    }
    return entries;
  }

  /**
   * One map's entries, in order of last access, and their wakes in two heaps, by event time and by
   * wall time. A wake that an update replaced, or whose entry went, stays in the heaps until it
   * reaches their head and is dropped there: windows mostly end later than the ones before them, so
   * adding to a heap rarely moves anything, where a sorted set would cost a tree walk (and a node)
   * per update.
   */
  private static final class StoreMap {
    final LinkedHashMap<String, Entry> values = new LinkedHashMap<>(256, 0.75f, true);
    final PriorityQueue<Timed> byEventTime =
        new PriorityQueue<>(Comparator.comparingLong(t -> t.wake.eventTime()));
    final PriorityQueue<Timed> byWallTime =
        new PriorityQueue<>(Comparator.comparingLong(t -> t.wake.wallTime()));

    void put(String key, Entry entry) {
      Entry previous = values.put(key, entry);
      Timed filed = previous == null ? null : previous.timed;
      if (filed != null && filed.wake != entry.wake) {
        filed.stale = true;
        filed = null;
      }
      if (filed == null && entry.wake != null) {
        filed = new Timed(key, entry.wake);
        byEventTime.add(filed);
        byWallTime.add(filed);
      }
      entry.timed = filed;
    }

    void remove(String key) {
      Entry removed = values.remove(key);
      if (removed != null) {
        removed.forget();
      }
    }

    /**
     * Collects the live wakes at the head of a heap that satisfy {@code isDue}; they stay in the
     * heap.
     */
    void due(PriorityQueue<Timed> heap, Predicate<Timed> isDue, Map<String, Long> due) {
      List<Timed> live = new ArrayList<>();
      while (!heap.isEmpty() && isDue.test(heap.peek())) {
        Timed timed = heap.poll();
        if (!timed.stale) {
          live.add(timed);
          due.put(timed.key, timed.wake.eventTime());
        }
      }
      heap.addAll(live);
    }
  }

  /**
   * A wake filed in the heaps under its entry's key; stale once the entry has another wake or is
   * gone.
   */
  private static final class Timed {
    final String key;
    final Wake wake;
    boolean stale;

    Timed(String key, Wake wake) {
      this.key = key;
      this.wake = wake;
    }
  }

  private static final class Entry {
    final byte[] value;
    final Wake wake;
    long lastAccessMillis;
    Timed timed;

    Entry(byte[] value, long lastAccessMillis, Wake wake) {
      this.value = value;
      this.lastAccessMillis = lastAccessMillis;
      this.wake = wake;
    }

    void forget() {
      if (timed != null) {
        timed.stale = true;
      }
    }
  }
}
