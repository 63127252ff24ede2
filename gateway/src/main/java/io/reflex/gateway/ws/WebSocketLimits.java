package io.reflex.gateway.ws;

import io.vertx.core.json.JsonObject;

/** Per-connection limits of the WebSocket endpoint, from {@code gateway.ws}. */
public record WebSocketLimits(int maxFrameBytes, int maxMessageBytes, int maxEventsPerPublish,
                              int maxInFlightPublishes, int maxQueuedPushBytes) {

  public static WebSocketLimits from(JsonObject ws) {
    return new WebSocketLimits(
        ws.getInteger("maxFrameBytes", 65_536),
        ws.getInteger("maxMessageBytes", 65_536),
        ws.getInteger("maxEventsPerPublish", 1000),
        ws.getInteger("maxInFlightPublishes", 64),
        ws.getInteger("maxQueuedPushBytes", 1_048_576));
  }
}
