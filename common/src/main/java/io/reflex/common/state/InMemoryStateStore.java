package io.reflex.common.state;

import io.vertx.core.Future;

import java.io.Serializable;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.function.LongSupplier;

/**
 * Keyed state in this JVM, for a mesh that runs every service in one process. Updates run at once on the caller's
 * thread; each map keeps entries in order of last access, so expiring idle entries only ever looks at the head, and
 * its wakes sorted by event time and by wall time, so finding the due ones only ever looks at the heads.
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
  public synchronized <R extends Serializable> Future<R> update(String map, String key, StateUpdate<R> update) {
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
      entries.put(key, new Entry(change.newValue(), clockMillis.getAsLong(),
          change.wake() == null ? null : change.wake().after(previous)));
    }
    return Future.succeededFuture(change.result());
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
    for (Timed timed : entries.byEventTime) {
      if (timed.time >= eventTime) {
        break;
      }
      due.put(timed.key, timed.wake.eventTime());
    }
    for (Timed timed : entries.byWallTime) {
      if (timed.time > wallNow) {
        break;
      }
      due.put(timed.key, timed.wake.eventTime());
    }
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
        entries.unschedule(next.getKey(), next.getValue().wake);
        leastRecentFirst.remove();
      }
    }
    return entries;
  }

  /** One map's entries, in order of last access, and their wakes. */
  private static final class StoreMap {
    final LinkedHashMap<String, Entry> values = new LinkedHashMap<>(256, 0.75f, true);
    final NavigableSet<Timed> byEventTime = new TreeSet<>(Timed.ORDER);
    final NavigableSet<Timed> byWallTime = new TreeSet<>(Timed.ORDER);

    void put(String key, Entry entry) {
      Entry previous = values.put(key, entry);
      Wake before = previous == null ? null : previous.wake;
      if (before != null && before.equals(entry.wake)) {
        return;
      }
      unschedule(key, before);
      if (entry.wake != null) {
        byEventTime.add(new Timed(entry.wake.eventTime(), key, entry.wake));
        byWallTime.add(new Timed(entry.wake.wallTime(), key, entry.wake));
      }
    }

    void remove(String key) {
      Entry removed = values.remove(key);
      if (removed != null) {
        unschedule(key, removed.wake);
      }
    }

    void unschedule(String key, Wake wake) {
      if (wake != null) {
        byEventTime.remove(new Timed(wake.eventTime(), key, wake));
        byWallTime.remove(new Timed(wake.wallTime(), key, wake));
      }
    }
  }

  /** A wake filed under one of its two times. */
  private record Timed(long time, String key, Wake wake) {
    static final Comparator<Timed> ORDER = Comparator.comparingLong(Timed::time).thenComparing(Timed::key);
  }

  private static final class Entry {
    final byte[] value;
    final Wake wake;
    long lastAccessMillis;

    Entry(byte[] value, long lastAccessMillis, Wake wake) {
      this.value = value;
      this.lastAccessMillis = lastAccessMillis;
      this.wake = wake;
    }
  }
}
