package io.reflex.common.ops;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.json.JsonObject;
import io.vertx.micrometer.backends.BackendRegistries;

/**
 * What the launcher tells each service verticle about the mesh it runs in, under the {@code mesh} key of the
 * verticle's configuration.
 */
public final class MeshContext {

  public static final String KEY = "mesh";

  private MeshContext() {
  }

  public static JsonObject describe(String metricsRegistry, boolean clustered, JsonObject cluster) {
    return new JsonObject()
        .put("metricsRegistry", metricsRegistry)
        .put("clustered", clustered)
        .put("cluster", cluster);
  }

  /** The Prometheus registry of this Vert.x instance, or a private one when a verticle runs outside the launcher. */
  public static MeterRegistry meters(JsonObject verticleConfig) {
    String name = verticleConfig.getJsonObject(KEY, new JsonObject()).getString("metricsRegistry");
    MeterRegistry registry = name == null ? null : BackendRegistries.getNow(name);
    return registry != null ? registry : new SimpleMeterRegistry();
  }

  public static String registryName(JsonObject verticleConfig) {
    return verticleConfig.getJsonObject(KEY, new JsonObject()).getString("metricsRegistry");
  }
}
