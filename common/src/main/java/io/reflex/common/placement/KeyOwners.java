package io.reflex.common.placement;

import io.reflex.common.event.CloudEvent;
import io.reflex.common.ops.MemberDirectory;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * Which replica of a service owns a key, so that each keyed event is sent to where its state lives
 * (DESIGN.md §4): rendezvous hashing over the live members that run the service, as the member
 * directory lists them. The view is re-read periodically and whenever asked ({@link #refresh}, e.g.
 * after a send found its owner gone), and listeners hear of every change so that a replica can hand
 * over the keys it no longer owns.
 *
 * <p>Standalone (one process) every key is owned locally and nothing is read. Senders and owners
 * may briefly disagree while a member joins or leaves; a key then has its events handled by the old
 * and the new owner for up to one refresh period, which is why owners snapshot their state (see the
 * anomaly service) and the event log's positions make a retried event count once.
 */
public final class KeyOwners {

  private static final Logger LOG = Logger.getLogger(KeyOwners.class.getName());

  private final Vertx vertx;
  private final String service;
  private final String self;
  private final List<Runnable> listeners = new ArrayList<>();
  private volatile List<String> replicas;
  private long timer = -1;

  private KeyOwners(Vertx vertx, String service) {
    this.vertx = vertx;
    this.service = service;
    this.self = MemberDirectory.nodeId(vertx);
    this.replicas = List.of();
  }

  /** Starts watching the replicas of {@code service}; standalone needs no watching. */
  public static KeyOwners watch(Vertx vertx, String service, long refreshMillis) {
    KeyOwners owners = new KeyOwners(vertx, service);
    if (vertx.isClustered()) {
      owners.refresh();
      owners.timer = vertx.setPeriodic(refreshMillis, id -> owners.refresh());
    }
    return owners;
  }

  /**
   * The key an event is routed by: its {@code subject}, which names the entity (series, user,
   * device) by convention (DESIGN.md §1), or its {@code source} when it has none. State keyed by
   * fields that include the subject thus stays on one replica.
   */
  public static String keyOf(CloudEvent event) {
    String subject = event.subject();
    return subject != null ? subject : event.source();
  }

  /** Whether keys are spread over replicas at all: false in a single process. */
  public boolean distributed() {
    return vertx.isClustered();
  }

  /** This process's node id, as {@link #owner} names nodes. */
  public String self() {
    return self;
  }

  /** The node owning {@code key}, or null when no replica is known (yet). */
  public String owner(String key) {
    if (!distributed()) {
      return self;
    }
    return Rendezvous.owner(key, replicas);
  }

  /**
   * Whether this process owns {@code key}; true when no replica is known, so nothing is handed over
   * by mistake.
   */
  public boolean ownedHere(String key) {
    String owner = owner(key);
    return owner == null || owner.equals(self);
  }

  /** Runs on the caller's context after every change of the replica set. */
  public void onChange(Runnable listener) {
    listeners.add(listener);
  }

  /** Re-reads the live replicas now. */
  public Future<Void> refresh() {
    if (!distributed()) {
      return Future.succeededFuture();
    }
    return MemberDirectory.replicas(vertx, service)
        .map(
            nodes -> {
              if (!nodes.equals(replicas)) {
                LOG.info(service + " replicas: " + nodes);
                replicas = nodes;
                listeners.forEach(Runnable::run);
              }
              return (Void) null;
            })
        .onFailure(failure -> LOG.fine("could not read the " + service + " replicas: " + failure));
  }

  public void close() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }
}
