package io.reflex.common.state;

import com.hazelcast.config.Config;
import com.hazelcast.config.MapConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.io.Serializable;

/**
 * Keyed state in Hazelcast maps partitioned over the cluster's data members, each entry with one backup: an update is
 * an entry processor sent to the member that owns the key, so state is never read, changed and written back across
 * the network, and a member that dies loses nothing its backup holds.
 */
public final class HazelcastStateStore implements KeyedStateStore {

  /** Hazelcast map names are this prefix plus the store's map name, apart from Vert.x's own {@code __vertx.*} maps. */
  static final String PREFIX = "reflex.state.";

  private final Vertx vertx;
  private final HazelcastInstance hazelcast;

  public HazelcastStateStore(Vertx vertx, HazelcastInstance hazelcast) {
    this.vertx = vertx;
    this.hazelcast = hazelcast;
  }

  /** Declares the maps on a config before Hazelcast starts: one backup each, and the configured idle expiry. */
  public static Config configure(Config config, StateSettings settings) {
    config.addMapConfig(new MapConfig(PREFIX + "*").setBackupCount(1));
    settings.maxIdleSeconds().forEach((map, seconds) ->
        config.addMapConfig(new MapConfig(PREFIX + map).setBackupCount(1).setMaxIdleSeconds(seconds)));
    return config;
  }

  @Override
  public <R extends Serializable> Future<R> update(String map, String key, StateUpdate<R> update) {
    IMap<String, byte[]> entries = hazelcast.getMap(PREFIX + map);
    return Future.fromCompletionStage(entries.submitToKey(key, new StateUpdateProcessor<>(update)),
        vertx.getOrCreateContext());
  }

  @Override
  public Future<byte[]> get(String map, String key) {
    IMap<String, byte[]> entries = hazelcast.getMap(PREFIX + map);
    return Future.fromCompletionStage(entries.getAsync(key), vertx.getOrCreateContext());
  }
}
