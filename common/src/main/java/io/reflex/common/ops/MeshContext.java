package io.reflex.common.ops;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.json.JsonObject;
import io.vertx.micrometer.backends.BackendRegistries;

/**
 * What the launcher tells each service verticle about the mesh it runs in, under the {@code mesh}
 * key of the verticle's configuration.
 */
public final class MeshContext {

  public static final String KEY = "mesh";

  private MeshContext() {}

  /**
   * @param kafka the {@code kafka} section: every service that reads or writes the event log or a
   *     topic uses it
   * @param durable whether the mesh runs in durable mode (accepted = written to the event log)
   */
  public static JsonObject describe(
      String metricsRegistry,
      boolean clustered,
      JsonObject cluster,
      JsonObject kafka,
      boolean durable) {
    return new JsonObject()
        .put("metricsRegistry", metricsRegistry)
        .put("clustered", clustered)
        .put("cluster", cluster)
        .put("kafka", kafka)
        .put("durable", durable);
  }

  /**
   * The {@code kafka} section, for the services that use the event log (they read it as {@code
   * KafkaSettings}).
   */
  public static JsonObject kafka(JsonObject verticleConfig) {
    return verticleConfig
        .getJsonObject(KEY, new JsonObject())
        .getJsonObject("kafka", new JsonObject());
  }

  /**
   * Durable mode: accepted events are in the event log before clients hear so, and the router reads
   * them there.
   */
  public static boolean durable(JsonObject verticleConfig) {
    return verticleConfig.getJsonObject(KEY, new JsonObject()).getBoolean("durable", false);
  }

  /**
   * The Prometheus registry of this Vert.x instance, or a private one when a verticle runs outside
   * the launcher.
   */
  public static MeterRegistry meters(JsonObject verticleConfig) {
    String name = verticleConfig.getJsonObject(KEY, new JsonObject()).getString("metricsRegistry");
    MeterRegistry registry = name == null ? null : BackendRegistries.getNow(name);
    return registry != null ? registry : new SimpleMeterRegistry();
  }

  public static String registryName(JsonObject verticleConfig) {
    return verticleConfig.getJsonObject(KEY, new JsonObject()).getString("metricsRegistry");
  }
}
