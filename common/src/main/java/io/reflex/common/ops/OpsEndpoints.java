package io.reflex.common.ops;

import io.vertx.core.Vertx;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;
import io.vertx.spi.cluster.hazelcast.ClusterHealthCheck;

/**
 * {@code /health/live}, {@code /health/ready} and {@code /metrics}, served by the gateway and, in
 * processes without a gateway, by a small ops server. Liveness is cheap and local; readiness
 * includes cluster safety and whatever the service adds (e.g. "ingestion answers").
 */
public final class OpsEndpoints {

  private OpsEndpoints() {}

  /** Readiness checks with the cluster check already in place when the node is clustered. */
  public static HealthChecks readiness(Vertx vertx) {
    HealthChecks checks = HealthChecks.create(vertx);
    if (vertx.isClustered()) {
      checks.register("cluster", 1000, ClusterHealthCheck.createProcedure(vertx));
    } else {
      checks.register("local", promise -> promise.complete(Status.OK()));
    }
    return checks;
  }

  public static void mount(
      Router router, Vertx vertx, HealthChecks readiness, String metricsRegistry) {
    HealthChecks liveness =
        HealthChecks.create(vertx).register("event-loop", promise -> promise.complete(Status.OK()));
    router.get("/health/live").handler(HealthCheckHandler.createWithHealthChecks(liveness));
    router.get("/health/ready").handler(HealthCheckHandler.createWithHealthChecks(readiness));
    if (metricsRegistry != null) {
      router.get("/metrics").handler(PrometheusScrapingHandler.create(metricsRegistry));
    }
  }
}
