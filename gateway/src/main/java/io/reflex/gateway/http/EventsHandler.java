package io.reflex.gateway.http;

import io.reflex.common.event.EventError;
import io.reflex.common.json.BoundedJson;
import io.reflex.gateway.Publisher;
import io.reflex.gateway.auth.HttpAccess;
import io.reflex.gateway.auth.Principal;
import io.reflex.gateway.auth.Tenancy;
import io.reflex.gateway.limits.ClientBuckets;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Base64;
import java.util.Map;

/**
 * {@code POST /events}: the CloudEvents HTTP binding in structured ({@code
 * application/cloudevents+json}), batch ({@code application/cloudevents-batch+json}) and binary
 * ({@code ce-*} headers) mode. Answers the same per-event results as a WebSocket publish.
 */
public final class EventsHandler implements Handler<RoutingContext> {

  private static final String STRUCTURED = "application/cloudevents+json";
  private static final String BATCH = "application/cloudevents-batch+json";

  private final Publisher publisher;
  private final BoundedJson json = BoundedJson.forEvents();
  private final int maxEvents;
  private final ClientBuckets clientBuckets;

  public EventsHandler(Publisher publisher, int maxEvents, ClientBuckets clientBuckets) {
    this.publisher = publisher;
    this.maxEvents = maxEvents;
    this.clientBuckets = clientBuckets;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String contentType = mediaType(ctx.request().getHeader("content-type"));
    JsonArray items;
    try {
      items = items(contentType, ctx.request().headers(), ctx.body().buffer());
    } catch (DecodeException e) {
      fail(ctx, 400, EventError.INVALID_JSON, "body is not valid JSON: " + e.getMessage());
      return;
    } catch (IllegalArgumentException e) {
      fail(ctx, 400, EventError.INVALID_FRAME, e.getMessage());
      return;
    }
    if (items.size() > maxEvents) {
      fail(
          ctx,
          413,
          EventError.TOO_MANY_EVENTS,
          "a batch may carry at most " + maxEvents + " events");
      return;
    }
    Principal principal = HttpAccess.principal(ctx);
    String client = ClientBuckets.clientOf(principal, ctx.request().remoteAddress().hostAddress());
    publisher
        .publish(
            items,
            event ->
                clientBuckets.tryTake(client, System.nanoTime())
                    ? Tenancy.admit(principal, event)
                    : new EventError(
                        EventError.RATE_LIMITED,
                        "this client sends faster than its rate limit; slow down"))
        .onSuccess(
            results ->
                ctx.response()
                    .putHeader("content-type", "application/json")
                    .end(new JsonObject().put("results", results).encode()));
  }

  private JsonArray items(String contentType, MultiMap headers, Buffer body) {
    if (headers.contains("ce-specversion")) {
      return new JsonArray().add(binary(contentType, headers, body));
    }
    Object parsed = json.parse(body == null ? "" : body.toString());
    if (BATCH.equals(contentType)
        || (!STRUCTURED.equals(contentType) && parsed instanceof JsonArray)) {
      if (!(parsed instanceof JsonArray array)) {
        throw new IllegalArgumentException("a batch must be a JSON array of events");
      }
      return array;
    }
    if (parsed instanceof JsonObject) {
      return new JsonArray().add(parsed);
    }
    throw new IllegalArgumentException(
        "send an event as "
            + STRUCTURED
            + ", a JSON array as "
            + BATCH
            + ", or the event's data with ce-* headers (binary mode)");
  }

  /** Binary mode: attributes travel as {@code ce-} headers, the body is the event's data. */
  private JsonObject binary(String contentType, MultiMap headers, Buffer body) {
    JsonObject event = new JsonObject();
    for (Map.Entry<String, String> header : headers) {
      String name = header.getKey().toLowerCase();
      if (name.startsWith("ce-")) {
        event.put(name.substring(3), header.getValue());
      }
    }
    if (body != null && body.length() > 0) {
      if (contentType != null) {
        event.put("datacontenttype", contentType);
      }
      if (contentType == null || contentType.endsWith("json")) {
        event.put("data", json.parse(body.toString()));
      } else if (contentType.startsWith("text/")) {
        event.put("data", body.toString());
      } else {
        event.put("data_base64", Base64.getEncoder().encodeToString(body.getBytes()));
      }
    }
    return event;
  }

  private static String mediaType(String header) {
    if (header == null) {
      return null;
    }
    int semicolon = header.indexOf(';');
    return (semicolon < 0 ? header : header.substring(0, semicolon)).trim().toLowerCase();
  }

  static void fail(RoutingContext ctx, int status, String code, String message) {
    ctx.response()
        .setStatusCode(status)
        .putHeader("content-type", "application/json")
        .end(new JsonObject().put("error", new EventError(code, message).toJson()).encode());
  }
}
