package io.reflex.common.bus;

import io.reflex.common.event.CloudEvent;
import io.reflex.common.event.EventBatch;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import java.util.ArrayList;
import java.util.List;

/**
 * Where output events go: to every gateway (which pushes them to matching subscriptions) and back
 * into routing, so that rules can react to anomalies, recommendations and derived events (the
 * router bounds the chain's depth).
 *
 * <p>In durable mode the router asks for a delivery's outputs instead ({@link #answer}): it emits
 * them itself, before it commits the events that caused them, so an output is never lost between a
 * service and the gateways. A fast-mode delivery to a keyed replica only asks to hear that the
 * batch arrived ({@link #ACKNOWLEDGE}), so that the router can send it to another replica when this
 * one is gone; the service still emits the outputs itself.
 */
public final class Outputs {

  /**
   * Delivery header: reply once the batch is handled, with no outputs; the service emits them
   * itself.
   */
  public static final String ACKNOWLEDGE = "reflex-acknowledge";

  /**
   * Headers of a batch of outputs sent to another process, where it is decoded only when its body
   * is read: the outputs' types, so that a gateway or a router can pass over the outputs nobody
   * there wants without decoding them; how many there are, which a gateway counts; and their latest
   * event time, which a router's clock still takes.
   */
  private static final String TYPE = "reflex-type";

  private static final String COUNT = "reflex-count";

  private static final String LATEST_TIME = "reflex-latest-time";

  private Outputs() {}

  /**
   * Whether the sender of {@code delivery} wants its outputs back (durable mode) rather than
   * emitted.
   */
  public static boolean wanted(Message<?> delivery) {
    return delivery.replyAddress() != null && delivery.headers().get(ACKNOWLEDGE) == null;
  }

  /**
   * Pushes outputs to every gateway, and routes them: one message each way for the whole batch,
   * since between processes every message costs far more than its events' few bytes.
   */
  public static void emitAll(Vertx vertx, List<CloudEvent> outputs) {
    if (outputs.isEmpty()) {
      return;
    }
    DeliveryOptions described = described(vertx, outputs);
    EventBatch batch = new EventBatch(outputs);
    vertx.eventBus().publish(Addresses.GATEWAY_OUTPUT, batch, described);
    vertx.eventBus().send(Addresses.ROUTER_ROUTE, batch, described);
  }

  /**
   * Pushes outputs to every gateway only, in one message; the caller routes them (durable mode
   * routes them confirmed).
   */
  public static void pushAll(Vertx vertx, List<CloudEvent> outputs) {
    if (!outputs.isEmpty()) {
      vertx
          .eventBus()
          .publish(Addresses.GATEWAY_OUTPUT, new EventBatch(outputs), described(vertx, outputs));
    }
  }

  /**
   * The types of a batch of outputs from another process, read without decoding them; empty when
   * the sender did not say (a batch of events from ingestion, or from this process).
   */
  public static List<String> types(Message<?> outputs) {
    return outputs.headers().getAll(TYPE);
  }

  /** How many outputs a batch whose {@link #types} were given holds. */
  public static int count(Message<?> outputs) {
    return Integer.parseInt(outputs.headers().get(COUNT));
  }

  /** The latest event time in a batch of outputs whose {@link #types} were given. */
  public static long latestTime(Message<?> outputs) {
    return Long.parseLong(outputs.headers().get(LATEST_TIME));
  }

  private static DeliveryOptions described(Vertx vertx, List<CloudEvent> outputs) {
    DeliveryOptions options = new DeliveryOptions();
    if (!vertx.isClustered()) {
      return options; // nothing is decoded within one process
    }
    List<String> types = new ArrayList<>(2);
    long latest = Long.MIN_VALUE;
    for (CloudEvent output : outputs) {
      if (!types.contains(output.type())) {
        types.add(output.type());
        options.addHeader(TYPE, output.type());
      }
      latest = Math.max(latest, output.timeMillis());
    }
    return options
        .addHeader(COUNT, Integer.toString(outputs.size()))
        .addHeader(LATEST_TIME, Long.toString(latest));
  }

  /** Replies with the outputs when the delivery asked for a reply, emits them otherwise. */
  public static void answer(Vertx vertx, Message<?> delivery, List<CloudEvent> outputs) {
    if (wanted(delivery)) {
      delivery.reply(new EventBatch(outputs));
      return;
    }
    emitAll(vertx, outputs);
    if (delivery.replyAddress() != null) {
      delivery.reply(new EventBatch(List.of()));
    }
  }
}
