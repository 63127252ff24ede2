package io.reflex.gateway;

import io.micrometer.core.instrument.MeterRegistry;
import io.reflex.common.bus.Addresses;
import io.reflex.common.bus.Codecs;
import io.reflex.common.event.CloudEvent;
import io.reflex.common.event.EventBatch;
import io.reflex.common.ops.MeshContext;
import io.reflex.common.ops.OpsEndpoints;
import io.reflex.gateway.admin.RulesAdminHandler;
import io.reflex.gateway.http.EventsHandler;
import io.reflex.gateway.http.RecommendationsHandler;
import io.reflex.gateway.http.StatsHandler;
import io.reflex.gateway.ui.DashboardRoutes;
import io.reflex.gateway.ws.WebSocketEndpoint;
import io.reflex.gateway.ws.WebSocketLimits;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

import java.util.List;
import java.util.logging.Logger;

/**
 * The front door: WebSocket {@code /ws} (wire contract v1), {@code POST /events}, the query APIs, the rule operations
 * (admin), health and metrics, all on one HTTP port.
 */
public final class GatewayVerticle extends VerticleBase {

  private static final Logger LOG = Logger.getLogger(GatewayVerticle.class.getName());

  private HttpServer server;

  @Override
  public Future<?> start() {
    JsonObject config = config();
    JsonObject http = config.getJsonObject("http", new JsonObject());
    WebSocketLimits limits = WebSocketLimits.from(config.getJsonObject("ws", new JsonObject()));
    MeterRegistry meters = MeshContext.meters(config);
    Publisher publisher = new Publisher(vertx, config.getLong("publishTimeoutMs", 5000L), meters);
    WebSocketEndpoint webSocket = new WebSocketEndpoint(publisher, limits, meters);

    Router router = Router.router(vertx);
    router.post("/events").handler(BodyHandler.create().setBodyLimit(limits.maxMessageBytes()))
        .handler(new EventsHandler(publisher, limits.maxEventsPerPublish()));
    new RecommendationsHandler(vertx, config.getLong("requestTimeoutMs", 2000L)).mount(router);
    new RulesAdminHandler(vertx, config.getLong("requestTimeoutMs", 2000L)).mount(router);
    new StatsHandler(vertx, meters).mount(router);
    DashboardRoutes.mount(router);
    OpsEndpoints.mount(router, vertx, readiness(), MeshContext.registryName(config));

    HttpServerOptions options = new HttpServerOptions()
        .setHost(http.getString("host", "127.0.0.1"))
        .setPort(http.getInteger("port", 8080))
        .setMaxWebSocketFrameSize(limits.maxFrameBytes())
        .setMaxWebSocketMessageSize(limits.maxMessageBytes())
        .setPerFrameWebSocketCompressionSupported(false)
        .setPerMessageWebSocketCompressionSupported(false)
        .setRegisterWebSocketWriteHandlers(false);
    server = vertx.createHttpServer(options)
        .webSocketHandshakeHandler(handshake -> {
          if ("/ws".equals(handshake.path())) {
            handshake.accept();
          } else {
            handshake.reject(404);
          }
        })
        .webSocketHandler(webSocket::accept)
        .requestHandler(router);

    Future<?> outputs = vertx.eventBus().<CloudEvent>consumer(Addresses.GATEWAY_OUTPUT,
        message -> webSocket.deliver(message.body())).completion();
    return Future.all(List.of(outputs, server.listen()))
        .onSuccess(v -> LOG.info("gateway listening on " + options.getHost() + ":" + server.actualPort()));
  }

  /** Ready when the cluster is safe and ingestion answers: before that, accepting events would only reject them. */
  private HealthChecks readiness() {
    return OpsEndpoints.readiness(vertx).register("ingestion", 1000, promise ->
        vertx.eventBus().request(Addresses.INGESTION_ACCEPT, new EventBatch(List.of()), Codecs.timeout(900))
            .onSuccess(reply -> promise.complete(Status.OK()))
            .onFailure(e -> promise.complete(Status.KO(new JsonObject().put("reason", e.getMessage())))));
  }

  /** The port actually bound (useful when configured as 0). */
  public int port() {
    return server.actualPort();
  }
}
