package io.reflex.router;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.reflex.common.bus.Addresses;
import io.reflex.common.bus.Outputs;
import io.reflex.common.event.CloudEvent;
import io.reflex.common.event.EventBatch;
import io.reflex.common.ops.MeshContext;
import io.reflex.router.action.Action;
import io.reflex.router.action.Deliver;
import io.reflex.router.action.Emit;
import io.reflex.router.rules.CompiledRules;
import io.reflex.router.rules.Rule;
import io.reflex.router.rules.RulesSource;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Matches every accepted or derived event against the rules and runs the actions of each rule it matches: deliver to
 * a service, emit a derived event. The rules are swapped whole on reload, so an event sees either the old or the new
 * set, never a mix.
 */
public final class RouterVerticle extends VerticleBase {

  private RulesSource source;
  private volatile CompiledRules rules;
  private int maxDepth;
  private MeterRegistry meters;
  private final Map<String, Counter> hits = new HashMap<>();
  private Counter depthLimited;

  @Override
  public Future<?> start() {
    JsonObject config = config();
    JsonObject rulesConfig = config.getJsonObject("rules", new JsonObject());
    maxDepth = config.getInteger("maxDepth", 4);
    meters = MeshContext.meters(config);
    depthLimited = Counter.builder("reflex_router_depth_limited").register(meters);
    source = new RulesSource(vertx, rulesConfig.getString("path"), rulesConfig.getLong("scanPeriodMs", 2000L));
    return source.load().compose(loaded -> {
      rules = loaded;
      source.watch(reloaded -> rules = reloaded);
      return vertx.eventBus().<EventBatch>consumer(Addresses.ROUTER_ROUTE, this::route).completion();
    });
  }

  @Override
  public Future<?> stop() {
    source.close();
    return Future.succeededFuture();
  }

  private void route(Message<EventBatch> message) {
    CompiledRules current = rules;
    Map<String, List<CloudEvent>> deliveries = new HashMap<>();
    for (CloudEvent event : message.body().events()) {
      for (Rule rule : current.match(event.encode())) {
        hitCounter(rule.id()).increment();
        for (Action action : rule.actions()) {
          if (action instanceof Deliver deliver) {
            deliveries.computeIfAbsent(deliver.address(), a -> new ArrayList<>()).add(event);
          } else if (action instanceof Emit emit) {
            emit(rule, emit, event);
          }
        }
      }
    }
    deliveries.forEach((address, events) -> {
      if (Deliver.EVERY_REPLICA.contains(address)) {
        vertx.eventBus().publish(address, new EventBatch(events));
      } else {
        vertx.eventBus().send(address, new EventBatch(events));
      }
    });
  }

  private void emit(Rule rule, Emit emit, CloudEvent cause) {
    if (cause.depth() >= maxDepth) {
      depthLimited.increment();
      return;
    }
    Outputs.emit(vertx, emit.derive(rule.id(), cause, cause.json()));
  }

  private Counter hitCounter(String ruleId) {
    return hits.computeIfAbsent(ruleId, id -> Counter.builder("reflex_rule_hits").tag("rule", id).register(meters));
  }
}
