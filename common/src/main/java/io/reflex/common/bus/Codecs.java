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
    vertx.eventBus().registerCodec(new SharedJsonArrayCodec());
  }

  /**
   * Delivery options for a JSON array body that neither its sender nor its receivers change once it
   * is sent: passed by reference inside a JVM instead of copied.
   */
  public static DeliveryOptions shared() {
    return new DeliveryOptions().setCodecName(SharedJsonArrayCodec.NAME);
  }

  /** Delivery options for sends that must fail fast rather than wait the 30 s default. */
  public static DeliveryOptions timeout(long millis) {
    return new DeliveryOptions().setSendTimeout(millis);
  }
}
