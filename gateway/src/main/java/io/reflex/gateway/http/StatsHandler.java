package io.reflex.gateway.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.search.Search;
import io.reflex.common.ops.MemberDirectory;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /api/stats} (cumulative counters and the ack latency, read from this process's metrics
 * registry; the dashboard turns them into rates) and {@code GET /api/cluster} (the members and the
 * services each runs).
 */
public final class StatsHandler {

  private final Vertx vertx;
  private final MeterRegistry meters;

  private static final Map<String, String> RULE_FIGURES =
      Map.of(
          "perSecond", "reflex_rule_matches_per_second",
          "costMicros", "reflex_rule_match_cost_microseconds",
          "derived", "reflex_rule_derived_events",
          "partials", "reflex_rule_partials_held",
          "stateBytes", "reflex_rule_state_bytes");

  public StatsHandler(Vertx vertx, MeterRegistry meters) {
    this.vertx = vertx;
    this.meters = meters;
  }

  public void mount(Router router) {
    router.get("/api/stats").handler(this::stats);
    router.get("/api/cluster").handler(this::cluster);
  }

  private void stats(RoutingContext ctx) {
    JsonObject ingested = new JsonObject();
    for (String result : new String[] {"accepted", "duplicate", "rejected"}) {
      ingested.put(result, count(meters.find("reflex_ingestion_events").tag("result", result)));
    }
    JsonObject ruleHits = new JsonObject();
    meters
        .find("reflex_rule_hits")
        .gauges()
        .forEach(g -> ruleHits.put(g.getId().getTag("rule"), (long) g.value()));
    JsonObject stats =
        new JsonObject()
            .put("time", System.currentTimeMillis())
            .put("ingested", ingested)
            .put("outputs", count(meters.find("reflex_gateway_outputs")))
            .put("pushes", count(meters.find("reflex_gateway_pushes")))
            .put("pushesDropped", count(meters.find("reflex_gateway_pushes_dropped")))
            .put("ruleHits", ruleHits)
            .put("ruleStats", ruleStats())
            .put("ackLatency", ackLatency(meters.find("reflex_gateway_ack_latency").timer()));
    ctx.json(stats);
  }

  /**
   * The router's per-rule figures, {@code {rule: {perSecond, costMicros, derived, partials,
   * stateBytes}}}, for the busiest rules and "other" (the router exports no more: see
   * RuleTelemetry).
   */
  private JsonObject ruleStats() {
    JsonObject rules = new JsonObject();
    RULE_FIGURES.forEach(
        (figure, metric) ->
            meters
                .find(metric)
                .gauges()
                .forEach(
                    gauge -> {
                      String rule = gauge.getId().getTag("rule");
                      if (!rules.containsKey(rule)) {
                        rules.put(rule, new JsonObject());
                      }
                      rules.getJsonObject(rule).put(figure, gauge.value());
                    }));
    return rules;
  }

  private void cluster(RoutingContext ctx) {
    MemberDirectory.members(vertx)
        .onSuccess(
            members ->
                ctx.json(
                    new JsonObject().put("clustered", vertx.isClustered()).put("members", members)))
        .onFailure(ctx::fail);
  }

  private static long count(Search search) {
    return (long) search.counters().stream().mapToDouble(Counter::count).sum();
  }

  private static JsonObject ackLatency(Timer timer) {
    JsonObject latency = new JsonObject().put("count", 0L);
    if (timer == null || timer.count() == 0) {
      return latency;
    }
    HistogramSnapshot snapshot = timer.takeSnapshot();
    latency
        .put("count", timer.count())
        .put("meanMs", timer.mean(TimeUnit.MILLISECONDS))
        .put("maxMs", snapshot.max(TimeUnit.MILLISECONDS));
    for (ValueAtPercentile p : snapshot.percentileValues()) {
      latency.put("p" + Math.round(p.percentile() * 100) + "Ms", p.value(TimeUnit.MILLISECONDS));
    }
    return latency;
  }
}
