package io.reflex.gateway.auth;

import io.reflex.common.event.EventError;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Guards an HTTP route: 401 without a valid credential, 403 without the scope the route needs. The
 * principal is left in the routing context for the handlers behind it.
 */
public final class HttpAccess implements Handler<RoutingContext> {

  private static final String PRINCIPAL = "reflex.principal";

  private final Authenticator authenticator;
  private final String scope;

  public HttpAccess(Authenticator authenticator, String scope) {
    this.authenticator = authenticator;
    this.scope = scope;
  }

  @Override
  public void handle(RoutingContext ctx) {
    authenticator
        .authenticate(Credentials.from(ctx.request().headers(), ctx.request().query()))
        .onComplete(
            done -> {
              if (done.failed()) {
                ctx.response().putHeader("WWW-Authenticate", "Bearer");
                fail(ctx, 401, EventError.UNAUTHORIZED, done.cause().getMessage());
              } else if (!done.result().may(scope)) {
                fail(ctx, 403, EventError.FORBIDDEN, "this needs the '" + scope + "' scope");
              } else {
                ctx.put(PRINCIPAL, done.result());
                ctx.next();
              }
            });
  }

  /**
   * The principal a guarded route was called by ({@link Principal#OPEN} on routes nobody guards).
   */
  public static Principal principal(RoutingContext ctx) {
    Principal principal = ctx.get(PRINCIPAL);
    return principal == null ? Principal.OPEN : principal;
  }

  private static void fail(RoutingContext ctx, int status, String code, String message) {
    ctx.response()
        .setStatusCode(status)
        .putHeader("content-type", "application/json")
        .end(new JsonObject().put("error", new EventError(code, message).toJson()).encode());
  }
}
