package io.reflex.common.bus;

import io.reflex.common.event.CloudEvent;
import io.reflex.common.event.EventBatch;
import io.vertx.core.Vertx;

/**
 * Where output events go: to every gateway (which pushes them to matching subscriptions) and back into routing, so
 * that rules can react to anomalies, recommendations and derived events (the router bounds the chain's depth).
 */
public final class Outputs {

  private Outputs() {
  }

  public static void emit(Vertx vertx, CloudEvent output) {
    vertx.eventBus().publish(Addresses.GATEWAY_OUTPUT, output);
    vertx.eventBus().send(Addresses.ROUTER_ROUTE, EventBatch.of(output));
  }
}
