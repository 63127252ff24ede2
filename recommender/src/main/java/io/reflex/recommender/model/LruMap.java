package io.reflex.recommender.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A map bounded to {@code capacity} entries that drops the entry least recently written through
 * {@link #touch}. Reads do not reorder, so scoring never changes what gets evicted and replays stay
 * deterministic.
 */
final class LruMap<K, V> extends LinkedHashMap<K, V> {
  private final int capacity;

  LruMap(int capacity) {
    this.capacity = capacity;
  }

  /** The value for {@code key} (created if absent), moved to the most-recent end. */
  V touch(K key, Function<K, V> create) {
    V value = remove(key);
    if (value == null) {
      value = create.apply(key);
    }
    put(key, value);
    return value;
  }

  @Override
  protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
    return size() > capacity;
  }
}
