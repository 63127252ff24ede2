package io.reflex.common.bus;

import io.reflex.common.event.CloudEvent;
import io.reflex.common.event.EventBatch;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;

/**
 * Registers Reflex's message codecs. Must run on every node before any service is deployed: a body
 * type without a codec works inside one JVM and fails across nodes.
 */
public final class Codecs {

  private Codecs() {}

  public static void register(Vertx vertx) {
    vertx.eventBus().registerDefaultCodec(CloudEvent.class, new CloudEventCodec());
    vertx.eventBus().registerDefaultCodec(EventBatch.class, new EventBatchCodec());
  }

  /** Delivery options for sends that must fail fast rather than wait the 30 s default. */
  public static DeliveryOptions timeout(long millis) {
    return new DeliveryOptions().setSendTimeout(millis);
  }
}
