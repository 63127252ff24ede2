package io.reflex.gateway.ui;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The live dashboard: static files under {@code /ui/}; the page itself talks to {@code /ws} and
 * {@code /api}.
 */
public final class DashboardRoutes {

  private DashboardRoutes() {}

  public static void mount(Router router) {
    // A new user types the address they were given; both land on the dashboard.
    router.get("/").handler(ctx -> ctx.redirect("/ui/"));
    // The router ignores a trailing slash when matching, so only the bare path is redirected;
    // relative links in the
    // page need the slash.
    router
        .get("/ui")
        .handler(
            ctx -> {
              if (ctx.request().path().equals("/ui")) {
                ctx.redirect("/ui/");
              } else {
                ctx.next();
              }
            });
    router.get("/ui/*").handler(StaticHandler.create("webroot/ui").setCachingEnabled(false));
  }
}
