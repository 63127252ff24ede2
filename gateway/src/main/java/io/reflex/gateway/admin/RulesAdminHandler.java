package io.reflex.gateway.admin;

import io.reflex.common.bus.Addresses;
import io.reflex.common.bus.Codecs;
import io.reflex.common.event.EventError;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Rule operations for operators, not publishers: {@code GET /api/rules}, {@code POST
 * /api/rules/validate}, {@code POST /api/rules/test} and {@code POST /api/rules/explain}, answered
 * by the router over the event bus. Kept apart from the publisher routes so the security work can
 * put its own authentication in front of these alone.
 */
public final class RulesAdminHandler {

  private static final int MAX_DOCUMENT_BYTES = 4 << 20;

  private final Vertx vertx;
  private final DeliveryOptions delivery;

  public RulesAdminHandler(Vertx vertx, long timeoutMs) {
    this.vertx = vertx;
    this.delivery = Codecs.timeout(timeoutMs);
  }

  public void mount(Router router) {
    BodyHandler body = BodyHandler.create().setBodyLimit(MAX_DOCUMENT_BYTES);
    router.get("/api/rules").handler(this::list);
    router.post("/api/rules/validate").handler(body).handler(this::validate);
    router
        .post("/api/rules/test")
        .handler(body)
        .handler(ctx -> query(ctx, Addresses.ROUTER_RULES_TEST));
    router
        .post("/api/rules/explain")
        .handler(body)
        .handler(ctx -> query(ctx, Addresses.ROUTER_RULES_EXPLAIN));
  }

  private void list(RoutingContext ctx) {
    ask(ctx, Addresses.ROUTER_RULES_LIST, new JsonObject(), 200);
  }

  /** The body is a rules document, YAML or JSON; 200 when valid, 422 with every error otherwise. */
  private void validate(RoutingContext ctx) {
    vertx
        .eventBus()
        .<JsonObject>request(Addresses.ROUTER_RULES_VALIDATE, ctx.body().asString(), delivery)
        .onSuccess(reply -> answer(ctx, reply.body().getBoolean("valid") ? 200 : 422, reply.body()))
        .onFailure(e -> unavailable(ctx, e));
  }

  /**
   * Test and explain: the body is {@code {"event": {...}, "rules": <optional document, text or
   * JSON>}}; without rules the running ones answer.
   */
  private void query(RoutingContext ctx, String address) {
    JsonObject request;
    try {
      request = ctx.body().asJsonObject();
    } catch (DecodeException | ClassCastException e) {
      request = null;
    }
    if (request == null) {
      fail(
          ctx,
          400,
          EventError.INVALID_JSON,
          "the body must be a JSON object with 'event' and optionally 'rules'");
      return;
    }
    if (request.getValue("rules") instanceof JsonObject document) {
      request.put("rules", document.encode());
    }
    ask(ctx, address, request, 200);
  }

  private void ask(RoutingContext ctx, String address, JsonObject query, int status) {
    vertx
        .eventBus()
        .<JsonObject>request(address, query, delivery)
        .onSuccess(
            reply -> answer(ctx, reply.body().containsKey("error") ? 400 : status, reply.body()))
        .onFailure(e -> unavailable(ctx, e));
  }

  private static void answer(RoutingContext ctx, int status, JsonObject body) {
    ctx.response()
        .setStatusCode(status)
        .putHeader("content-type", "application/json")
        .end(body.encode());
  }

  private static void unavailable(RoutingContext ctx, Throwable e) {
    fail(ctx, 503, EventError.UNAVAILABLE, "the router did not answer: " + e.getMessage());
  }

  private static void fail(RoutingContext ctx, int status, String code, String message) {
    answer(ctx, status, new JsonObject().put("error", new EventError(code, message).toJson()));
  }
}
