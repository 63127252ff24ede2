package io.reflex.common.bus;

import io.reflex.common.event.CloudEvent;
import io.reflex.common.event.EventBatch;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;

import java.util.List;

/**
 * Where output events go: to every gateway (which pushes them to matching subscriptions) and back into routing, so
 * that rules can react to anomalies, recommendations and derived events (the router bounds the chain's depth).
 *
 * <p>In durable mode the router asks for a delivery's outputs instead ({@link #answer}): it emits them itself, before
 * it commits the events that caused them, so an output is never lost between a service and the gateways.
 */
public final class Outputs {

  private Outputs() {
  }

  public static void emit(Vertx vertx, CloudEvent output) {
    push(vertx, output);
    vertx.eventBus().send(Addresses.ROUTER_ROUTE, EventBatch.of(output));
  }

  /** Pushes an output to every gateway only; the caller routes it (durable mode routes it confirmed). */
  public static void push(Vertx vertx, CloudEvent output) {
    vertx.eventBus().publish(Addresses.GATEWAY_OUTPUT, output);
  }

  public static void emitAll(Vertx vertx, List<CloudEvent> outputs) {
    for (CloudEvent output : outputs) {
      emit(vertx, output);
    }
  }

  /** Replies with the outputs when the delivery asked for a reply, emits them otherwise. */
  public static void answer(Vertx vertx, Message<?> delivery, List<CloudEvent> outputs) {
    if (delivery.replyAddress() != null) {
      delivery.reply(new EventBatch(outputs));
    } else {
      emitAll(vertx, outputs);
    }
  }
}
