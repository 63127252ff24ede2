package io.reflex.common.state;

import com.hazelcast.config.AttributeConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.IndexConfig;
import com.hazelcast.config.IndexType;
import com.hazelcast.config.MapConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.projection.Projections;
import com.hazelcast.query.Predicate;
import com.hazelcast.query.Predicates;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keyed state in Hazelcast maps partitioned over the cluster's data members, each entry with one
 * backup: an update is an entry processor sent to the member that owns the key, so state is never
 * read, changed and written back across the network, and a member that dies loses nothing its
 * backup holds. An entry's wake is stored in the same value ({@link StoredEntry}) and indexed, so
 * {@link #due} is one indexed query that reads no state.
 */
public final class HazelcastStateStore implements KeyedStateStore {

  /**
   * Hazelcast map names are this prefix plus the store's map name, apart from Vert.x's own {@code
   * __vertx.*} maps.
   */
  static final String PREFIX = "reflex.state.";

  private final Vertx vertx;
  private final HazelcastInstance hazelcast;
  private final Set<String> indexed = ConcurrentHashMap.newKeySet();

  public HazelcastStateStore(Vertx vertx, HazelcastInstance hazelcast) {
    this.vertx = vertx;
    this.hazelcast = hazelcast;
  }

  /**
   * Declares the maps before Hazelcast starts: one backup each, the wake attributes, the configured
   * idle expiry.
   */
  public static Config configure(Config config, StateSettings settings) {
    config.addMapConfig(mapConfig(PREFIX + "*", 0));
    settings
        .maxIdleSeconds()
        .forEach((map, seconds) -> config.addMapConfig(mapConfig(PREFIX + map, seconds)));
    return config;
  }

  /**
   * The wake attributes cost nothing until queried; their indexes are added by the first {@link
   * #due} of a map.
   */
  private static MapConfig mapConfig(String name, int maxIdleSeconds) {
    return new MapConfig(name)
        .setBackupCount(1)
        .setMaxIdleSeconds(maxIdleSeconds)
        .addAttributeConfig(
            new AttributeConfig(StoredEntry.WAKE_EVENT_TIME, StoredEntry.EventTime.class.getName()))
        .addAttributeConfig(
            new AttributeConfig(StoredEntry.WAKE_WALL_TIME, StoredEntry.WallTime.class.getName()));
  }

  @Override
  public <R extends Serializable> Future<R> update(String map, String key, StateUpdate<R> update) {
    return Future.fromCompletionStage(
        entries(map).submitToKey(key, new StateUpdateProcessor<>(update)),
        vertx.getOrCreateContext());
  }

  @Override
  public Future<Void> put(String map, String key, byte[] value) {
    return Future.fromCompletionStage(
        entries(map).setAsync(key, StoredEntry.frame(value, null)), vertx.getOrCreateContext());
  }

  @Override
  public Future<byte[]> get(String map, String key) {
    return Future.fromCompletionStage(entries(map).getAsync(key), vertx.getOrCreateContext())
        .map(StoredEntry::value);
  }

  /**
   * One query on the wake indexes; Hazelcast has no asynchronous query, so it runs on a worker
   * thread. The first query of a map adds its two indexes (on every member, for the map's life), so
   * maps that never ask, such as the detectors', pay no index upkeep on their updates.
   */
  @Override
  public Future<Map<String, Long>> due(String map, long eventTime, long wallNow) {
    Predicate<String, byte[]> due =
        Predicates.or(
            Predicates.lessThan(StoredEntry.WAKE_EVENT_TIME, eventTime),
            Predicates.lessEqual(StoredEntry.WAKE_WALL_TIME, wallNow));
    return vertx.executeBlocking(
        () -> {
          if (indexed.add(map)) {
            entries(map).addIndex(new IndexConfig(IndexType.SORTED, StoredEntry.WAKE_EVENT_TIME));
            entries(map).addIndex(new IndexConfig(IndexType.SORTED, StoredEntry.WAKE_WALL_TIME));
          }
          Map<String, Long> keys = new HashMap<>();
          for (Object[] row :
              entries(map)
                  .project(
                      Projections.<Map.Entry<String, byte[]>>multiAttribute(
                          "__key", StoredEntry.WAKE_EVENT_TIME),
                      due)) {
            keys.put((String) row[0], (Long) row[1]);
          }
          return keys;
        },
        false);
  }

  @Override
  public Future<Integer> size(String map) {
    return vertx.executeBlocking(() -> entries(map).size(), false);
  }

  private IMap<String, byte[]> entries(String map) {
    return hazelcast.getMap(PREFIX + map);
  }
}
