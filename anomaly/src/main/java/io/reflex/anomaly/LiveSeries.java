package io.reflex.anomaly;

import io.reflex.anomaly.detector.Sensitivity;
import io.reflex.common.state.KeyedStateStore;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.logging.Logger;

/**
 * The value series this replica owns, kept as live objects: a point is observed by a detector in
 * memory, with no serialisation and no remote call (DESIGN.md §4, "the computation goes to the
 * state"). The router sends every point of a series to the series' owner, so one replica changes a
 * series, in arrival order.
 *
 * <p>In a cluster the owner also writes a snapshot of each changed series to the keyed-state store
 * (Hazelcast, with a backup), from which the next owner continues when this replica leaves or dies,
 * or when a new replica takes the series over; {@link #flush} writes them (durable mode: before a
 * batch is confirmed, so nothing confirmed is lost; fast mode: periodically). A series met for the
 * first time is read from the store once, and its points wait, in order, for that read. In a single
 * process there is no other replica, so nothing is ever written.
 *
 * <p>Runs on the anomaly verticle's event loop only.
 */
final class LiveSeries {

  /** The store map holding one {@link SeriesEntry} snapshot per series. */
  static final String MAP = "anomalySeries";

  private static final Logger LOG = Logger.getLogger(LiveSeries.class.getName());

  private final KeyedStateStore store;
  private final boolean snapshots;
  private final int maxSeries;

  /**
   * Access-ordered: the series fed longest ago comes first, and goes first beyond {@code
   * maxSeries}.
   */
  private final LinkedHashMap<String, SeriesEntry> live = new LinkedHashMap<>(256, 0.75f, true);

  /**
   * Series being read from the store; points for them chain on the read, so they keep their order.
   */
  private final Map<String, Future<SeriesEntry>> loading = new HashMap<>();

  /**
   * @param snapshots whether other replicas may take series over (a cluster), so changes must be
   *     written
   */
  LiveSeries(KeyedStateStore store, boolean snapshots, int maxSeries) {
    this.store = store;
    this.snapshots = snapshots;
    this.maxSeries = maxSeries;
  }

  /** Observes the points of series {@code key} where the series lives. */
  Future<SeriesVerdicts> observe(
      String key, String routingKey, Sensitivity sensitivity, SeriesPoints points) {
    SeriesEntry entry = live.get(key);
    if (entry != null) {
      entry.routingKey = routingKey;
      return Future.succeededFuture(points.observeIn(entry));
    }
    Future<SeriesEntry> pending = loading.get(key);
    if (pending == null) {
      if (!snapshots) {
        return Future.succeededFuture(
            points.observeIn(admit(key, routingKey, SeriesEntry.fresh(sensitivity))));
      }
      pending =
          store
              .get(MAP, key)
              .map(
                  bytes -> {
                    loading.remove(key);
                    return admit(
                        key,
                        routingKey,
                        bytes == null
                            ? SeriesEntry.fresh(sensitivity)
                            : SeriesEntry.decode(bytes, sensitivity));
                  });
      pending.onFailure(failure -> loading.remove(key));
      loading.put(key, pending);
    }
    return pending.map(points::observeIn);
  }

  /** Writes a snapshot of every series changed since its last one. */
  Future<Void> flush() {
    if (!snapshots) {
      return Future.succeededFuture();
    }
    List<Future<Void>> writes = new ArrayList<>();
    live.forEach(
        (key, entry) -> {
          if (entry.dirty) {
            writes.add(write(key, entry));
          }
        });
    return Future.all(writes).mapEmpty();
  }

  /**
   * Hands over the series this replica no longer owns: their latest state is written, and they are
   * forgotten here, so that if they come back later they are read again rather than continued from
   * a state that another replica moved on.
   */
  Future<Void> release(Predicate<String> ownedHere) {
    List<Future<Void>> writes = new ArrayList<>();
    Iterator<Map.Entry<String, SeriesEntry>> entries = live.entrySet().iterator();
    while (entries.hasNext()) {
      Map.Entry<String, SeriesEntry> next = entries.next();
      SeriesEntry entry = next.getValue();
      if (entry.routingKey != null && !ownedHere.test(entry.routingKey)) {
        if (entry.dirty) {
          writes.add(write(next.getKey(), entry));
        }
        entries.remove();
      }
    }
    return Future.all(writes).mapEmpty();
  }

  int size() {
    return live.size();
  }

  private SeriesEntry admit(String key, String routingKey, SeriesEntry entry) {
    entry.routingKey = routingKey;
    live.put(key, entry);
    if (live.size() > maxSeries) {
      Iterator<Map.Entry<String, SeriesEntry>> eldest = live.entrySet().iterator();
      Map.Entry<String, SeriesEntry> gone = eldest.next();
      if (gone.getValue().dirty && snapshots) {
        write(gone.getKey(), gone.getValue());
      }
      eldest.remove();
    }
    return entry;
  }

  private Future<Void> write(String key, SeriesEntry entry) {
    entry.dirty = false;
    return store
        .put(MAP, key, entry.encode())
        .onFailure(
            failure -> {
              entry.dirty = true; // written again by the next flush
              LOG.warning("series " + key + ": snapshot not written: " + failure);
            });
  }
}
