package io.reflex.gateway;

import io.micrometer.core.instrument.MeterRegistry;
import io.reflex.common.bus.Addresses;
import io.reflex.common.bus.Codecs;
import io.reflex.common.bus.Outputs;
import io.reflex.common.event.DuplicateFilter;
import io.reflex.common.event.EventBatch;
import io.reflex.common.ops.MeshContext;
import io.reflex.common.ops.OpsEndpoints;
import io.reflex.eventlog.outputlog.OutputLogSettings;
import io.reflex.gateway.admin.RulesAdminHandler;
import io.reflex.gateway.auth.AuthSettings;
import io.reflex.gateway.auth.Authenticator;
import io.reflex.gateway.auth.Exposure;
import io.reflex.gateway.auth.HttpAccess;
import io.reflex.gateway.auth.OriginPolicy;
import io.reflex.gateway.auth.Principal;
import io.reflex.gateway.http.EventsHandler;
import io.reflex.gateway.http.RecommendationsHandler;
import io.reflex.gateway.http.StatsHandler;
import io.reflex.gateway.limits.AddressCaps;
import io.reflex.gateway.limits.ClientBuckets;
import io.reflex.gateway.limits.HandshakeTimeouts;
import io.reflex.gateway.limits.RateLimits;
import io.reflex.gateway.resume.OutputLogAccess;
import io.reflex.gateway.resume.ResumeSettings;
import io.reflex.gateway.ui.DashboardRoutes;
import io.reflex.gateway.ws.Handshakes;
import io.reflex.gateway.ws.WebSocketEndpoint;
import io.reflex.gateway.ws.WebSocketLimits;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The front door: WebSocket {@code /ws} (wire contract v1), {@code POST /events}, the query APIs,
 * the rule operations (admin), health and metrics, all on one HTTP port, behind the access rules of
 * SECURITY.md.
 */
public final class GatewayVerticle extends VerticleBase {

  private static final Logger LOG = Logger.getLogger(GatewayVerticle.class.getName());

  /**
   * Browsers that pass their token as a {@code bearer.<token>} subprotocol need one the server can
   * select.
   */
  public static final String SUBPROTOCOL = "reflex.v1";

  private HttpServer server;
  private WebSocketEndpoint webSocket;

  @Override
  public Future<?> start() {
    JsonObject config = config();
    GatewaySettings settings;
    try {
      settings = GatewaySettings.from(config);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    String host = settings.host();
    AuthSettings auth = settings.auth();
    String refusal = Exposure.refusal(host, auth.enabled());
    if (refusal != null) {
      return Future.failedFuture(new IllegalStateException(refusal));
    }
    return Authenticator.load(vertx, auth)
        .compose(authenticator -> serve(config, settings, authenticator));
  }

  private Future<?> serve(
      JsonObject config, GatewaySettings settings, Authenticator authenticator) {
    String host = settings.host();
    AuthSettings auth = settings.auth();
    WebSocketLimits limits = settings.ws();
    MeterRegistry meters = MeshContext.meters(config);
    RateLimits rates = settings.limits();
    ClientBuckets clientBuckets = new ClientBuckets(rates);
    Publisher publisher =
        new Publisher(
            vertx,
            settings.publishTimeoutMs(),
            settings.ws().maxEventsPerPublish(),
            // Within one process a message costs too little to wait for company.
            vertx.isClustered() ? settings.publishLingerMs() : 0,
            meters);
    DuplicateFilter outputsSeen =
        new DuplicateFilter(settings.outputDedupWindowMs(), settings.outputDedupMaxEntries());
    OutputLogAccess outputLog =
        MeshContext.durable(config)
            ? new OutputLogAccess(
                vertx,
                OutputLogSettings.from(config),
                ResumeSettings.from(config.getJsonObject("resume")))
            : null;
    webSocket =
        new WebSocketEndpoint(
            vertx, publisher, limits, rates, clientBuckets, outputsSeen, meters, outputLog);
    HandshakeTimeouts handshakeTimeouts =
        new HandshakeTimeouts(vertx, rates.handshakeTimeoutSeconds(), meters);
    Handshakes handshakes =
        new Handshakes(
            authenticator,
            new OriginPolicy(auth.allowedOrigins()),
            new AddressCaps(rates.maxConnectionsPerAddress()),
            webSocket,
            handshakeTimeouts);

    Router router = Router.router(vertx);
    router.route().handler(handshakeTimeouts::request);
    router.route("/metrics").handler(new HttpAccess(authenticator, Principal.ADMIN));
    router.route("/api/rules*").handler(new HttpAccess(authenticator, Principal.ADMIN));
    // The dashboard's JSON is /metrics in another shape (counts across tenants, rule names, member
    // hosts); its page
    // itself, under /ui, holds nothing secret and loads without a credential.
    router.route("/api/stats").handler(new HttpAccess(authenticator, Principal.ADMIN));
    router.route("/api/cluster").handler(new HttpAccess(authenticator, Principal.ADMIN));
    router
        .route("/api/recommendations/*")
        .handler(new HttpAccess(authenticator, Principal.SUBSCRIBE));
    router.route("/api/items/*").handler(new HttpAccess(authenticator, Principal.SUBSCRIBE));
    // Separate routes: vertx-web wants a route's body handler before its user handlers, but the
    // credential is
    // checked before the body is read.
    router.post("/events").handler(new HttpAccess(authenticator, Principal.PUBLISH));
    router
        .post("/events")
        .handler(BodyHandler.create().setBodyLimit(limits.maxMessageBytes()))
        .handler(new EventsHandler(publisher, limits.maxEventsPerPublish(), clientBuckets));
    new RecommendationsHandler(vertx, settings.requestTimeoutMs()).mount(router);
    new RulesAdminHandler(vertx, settings.requestTimeoutMs()).mount(router);
    new StatsHandler(vertx, meters).mount(router);
    DashboardRoutes.mount(router);
    OpsEndpoints.mount(router, vertx, readiness(), MeshContext.registryName(config));

    HttpServerOptions options =
        new HttpServerOptions()
            .setHost(host)
            .setPort(settings.port())
            .setMaxWebSocketFrameSize(limits.maxFrameBytes())
            .setMaxWebSocketMessageSize(limits.maxMessageBytes())
            .setPerFrameWebSocketCompressionSupported(false)
            .setPerMessageWebSocketCompressionSupported(false)
            .setWebSocketSubProtocols(List.of(SUBPROTOCOL))
            .setReadIdleTimeout(rates.readIdleTimeoutSeconds())
            .setSslHandshakeTimeout(rates.handshakeTimeoutSeconds())
            .setSslHandshakeTimeoutUnit(TimeUnit.SECONDS)
            // Without cleartext HTTP/2 the connection exists from the first moment, so a client
            // that connects and says
            // nothing is timed too (h2c waits for the first bytes before making one); and no h2c
            // upgrades sneak past
            // a proxy. Browsers and our clients speak HTTP/1.1 here.
            .setHttp2ClearTextEnabled(false)
            .setRegisterWebSocketWriteHandlers(false);
    if (!settings.tlsKeyPath().isEmpty()) {
      options
          .setSsl(true)
          .setKeyCertOptions(
              new PemKeyCertOptions()
                  .setKeyPath(settings.tlsKeyPath())
                  .setCertPath(settings.tlsCertPath()));
    }
    server =
        vertx
            .createHttpServer(options)
            .connectionHandler(handshakeTimeouts::opened)
            .webSocketHandshakeHandler(handshakes::handshake)
            .webSocketHandler(handshakes::connected)
            .requestHandler(router);
    webSocket.startPinging();

    // Durable mode pushes what the output log holds, in its order and with cursors; fast mode what
    // the bus brings.
    Future<?> outputs;
    if (MeshContext.durable(config)) {
      webSocket.startTail();
      outputs = Future.succeededFuture();
    } else {
      outputs =
          vertx
              .eventBus()
              .<EventBatch>consumer(Addresses.GATEWAY_OUTPUT, message -> push(webSocket, message))
              .completion();
    }
    return Future.all(List.of(outputs, server.listen()))
        .onSuccess(
            v ->
                LOG.info(
                    "gateway listening on "
                        + host
                        + ":"
                        + server.actualPort()
                        + (options.isSsl() ? " (TLS)" : "")
                        + (authenticator.enabled() ? "" : " without authentication")));
  }

  /**
   * Outputs from another process are decoded when their body is first read, so their types, sent
   * beside them, decide first whether anybody here wants them (half the outputs of a telemetry load
   * are scores nobody subscribed to).
   */
  private void push(WebSocketEndpoint webSocket, Message<EventBatch> message) {
    if (vertx.isClustered()) {
      List<String> types = Outputs.types(message);
      if (!types.isEmpty() && types.stream().noneMatch(webSocket::wants)) {
        webSocket.passOver(Outputs.count(message));
        return;
      }
    }
    message.body().events().forEach(webSocket::deliver);
  }

  @Override
  public Future<?> stop() {
    return webSocket == null ? Future.succeededFuture() : webSocket.close();
  }

  /**
   * Ready when the cluster is safe and ingestion answers: before that, accepting events would only
   * reject them; and when every database source streams (a source that cannot is named, with the
   * reason).
   */
  private HealthChecks readiness() {
    return OpsEndpoints.readiness(vertx)
        .register(
            "ingestion",
            1000,
            promise ->
                vertx
                    .eventBus()
                    .request(
                        Addresses.INGESTION_ACCEPT, new EventBatch(List.of()), Codecs.timeout(900))
                    .onSuccess(reply -> promise.complete(Status.OK()))
                    .onFailure(
                        e ->
                            promise.complete(
                                Status.KO(new JsonObject().put("reason", e.getMessage())))))
        .register(
            "sources",
            1000,
            promise ->
                vertx
                    .eventBus()
                    .<JsonObject>request(
                        Addresses.INGESTION_SOURCES, new JsonObject(), Codecs.timeout(900))
                    .onSuccess(
                        reply -> {
                          JsonObject sources = reply.body();
                          boolean up =
                              sources.stream()
                                  .allMatch(
                                      source ->
                                          "up"
                                              .equals(
                                                  ((JsonObject) source.getValue())
                                                      .getString("status")));
                          promise.complete(up ? Status.OK(sources) : Status.KO(sources));
                        })
                    .onFailure(
                        e ->
                            promise.complete(
                                Status.KO(new JsonObject().put("reason", e.getMessage())))));
  }

  /** The port actually bound (useful when configured as 0). */
  public int port() {
    return server.actualPort();
  }
}
