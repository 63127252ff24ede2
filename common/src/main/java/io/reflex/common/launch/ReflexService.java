package io.reflex.common.launch;

import io.vertx.core.Deployable;

/**
 * A service the launcher can deploy: each service module registers one in {@code
 * META-INF/services/io.reflex.common.launch.ReflexService}, so the launcher in {@code common} needs
 * no compile-time knowledge of the services.
 */
public interface ReflexService {

  /** Name used on the command line and as the configuration subtree, e.g. {@code router}. */
  String name();

  /** Deployment order: services that others send to start first; the front door starts last. */
  int startOrder();

  /** The service's one entry verticle. */
  Deployable createVerticle();

  /**
   * Whether the service keeps keyed state. A cluster process whose services keep none joins
   * Hazelcast as a lite member: it holds no partitions, so starting, scaling or losing it moves no
   * state.
   */
  default boolean keepsState() {
    return false;
  }

  /**
   * Whether the service terminates client connections (sockets, frames, acks, pushes). In a process
   * that runs several services such a service gets an event loop of its own ({@link
   * ServicePlacement}): it does about half of a standalone mesh's work.
   */
  default boolean servesClients() {
    return false;
  }
}
