package io.reflex.common.launch;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** A running set of Reflex services on one Vert.x instance. */
public final class Mesh {

  private final Vertx vertx;
  private final JsonObject config;
  private final List<String> services;

  Mesh(Vertx vertx, JsonObject config, List<String> services) {
    this.vertx = vertx;
    this.config = config;
    this.services = services;
  }

  public Vertx vertx() {
    return vertx;
  }

  public JsonObject config() {
    return config;
  }

  public List<String> services() {
    return services;
  }

  /** Undeploys every service (draining them) and, when clustered, leaves the cluster. */
  public Future<Void> close() {
    return vertx.close();
  }
}
