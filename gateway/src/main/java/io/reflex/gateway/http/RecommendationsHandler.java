package io.reflex.gateway.http;

import io.reflex.common.bus.Addresses;
import io.reflex.common.bus.Codecs;
import io.reflex.common.event.EventError;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/recommendations/{user}} and {@code GET /api/items/{item}/similar}: query the
 * recommender over the event bus and answer its JSON as is.
 */
public final class RecommendationsHandler {

  private static final int MAX_N = 100;

  private final Vertx vertx;
  private final DeliveryOptions delivery;

  public RecommendationsHandler(Vertx vertx, long timeoutMs) {
    this.vertx = vertx;
    this.delivery = Codecs.timeout(timeoutMs);
  }

  public void mount(Router router) {
    router.get("/api/recommendations/:user").handler(this::recommendations);
    router.get("/api/items/:item/similar").handler(this::similar);
  }

  private void recommendations(RoutingContext ctx) {
    Integer n = count(ctx);
    if (n == null) {
      return;
    }
    String exclude = ctx.queryParams().get("exclude");
    if (exclude != null && !exclude.equals("purchased")) {
      EventsHandler.fail(ctx, 400, EventError.INVALID_PARAMETER, "exclude may only be 'purchased'");
      return;
    }
    JsonObject query =
        new JsonObject()
            .put("user", ctx.pathParam("user"))
            .put("n", n)
            .put("session", ctx.queryParams().get("session"))
            .put("excludePurchased", exclude != null);
    ask(ctx, Addresses.RECOMMENDER_RECOMMEND, query);
  }

  private void similar(RoutingContext ctx) {
    Integer n = count(ctx);
    if (n != null) {
      ask(
          ctx,
          Addresses.RECOMMENDER_SIMILAR,
          new JsonObject().put("item", ctx.pathParam("item")).put("n", n));
    }
  }

  private Integer count(RoutingContext ctx) {
    String text = ctx.queryParams().get("n");
    try {
      int n = text == null ? 10 : Integer.parseInt(text);
      if (n >= 1 && n <= MAX_N) {
        return n;
      }
    } catch (NumberFormatException ignored) {
      // answered below
    }
    EventsHandler.fail(
        ctx, 400, EventError.INVALID_PARAMETER, "n must be a whole number from 1 to " + MAX_N);
    return null;
  }

  private void ask(RoutingContext ctx, String address, JsonObject query) {
    vertx
        .eventBus()
        .<JsonObject>request(address, query, delivery)
        .onSuccess(
            reply ->
                ctx.response()
                    .putHeader("content-type", "application/json")
                    .end(reply.body().encode()))
        .onFailure(
            e ->
                EventsHandler.fail(
                    ctx,
                    503,
                    EventError.UNAVAILABLE,
                    "the recommender did not answer: " + e.getMessage()));
  }
}
