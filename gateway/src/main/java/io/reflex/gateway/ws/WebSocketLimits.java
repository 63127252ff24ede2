package io.reflex.gateway.ws;

import io.reflex.common.config.ConfigTree;
import io.vertx.core.json.JsonObject;

/** Limits of the WebSocket endpoint, from {@code gateway.ws}: per connection but the last. */
public record WebSocketLimits(
    int maxFrameBytes,
    int maxMessageBytes,
    int maxEventsPerPublish,
    int maxInFlightPublishes,
    int maxQueuedPushBytes,
    int maxEventsInFlight) {

  /**
   * @param config {@code gateway.ws}, possibly partial (completed with the defaults); may be null
   */
  public static WebSocketLimits from(JsonObject config) {
    ConfigTree ws = ConfigTree.of("gateway.ws", config);
    return new WebSocketLimits(
        ws.integer("maxFrameBytes"),
        ws.integer("maxMessageBytes"),
        ws.integer("maxEventsPerPublish"),
        ws.integer("maxInFlightPublishes"),
        ws.integer("maxQueuedPushBytes"),
        ws.integer("maxEventsInFlight"));
  }
}
