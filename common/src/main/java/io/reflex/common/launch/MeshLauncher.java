package io.reflex.common.launch;

import com.hazelcast.config.Config;
import io.reflex.common.bus.Codecs;
import io.reflex.common.config.ConfigLoader;
import io.reflex.common.config.ConfigTree;
import io.reflex.common.ops.MemberDirectory;
import io.reflex.common.ops.MeshContext;
import io.reflex.common.ops.OpsEndpoints;
import io.reflex.common.state.HazelcastStateStore;
import io.reflex.common.state.InMemoryStateStore;
import io.reflex.common.state.StateSettings;
import io.reflex.common.state.StateStores;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The one way Reflex starts: every service in one plain Vert.x (standalone) or the named services
 * in a Hazelcast-clustered Vert.x. Only how Vert.x is created differs; the services run the same
 * code either way.
 */
public final class MeshLauncher {

  private static final Logger LOG = Logger.getLogger(MeshLauncher.class.getName());

  private MeshLauncher() {}

  /**
   * @param clustered join a Hazelcast cluster
   * @param services names of the services to run; empty means all
   * @param configFile optional YAML file layered over the defaults
   * @param overrides configuration set by the caller (command-line flags, tests), applied last
   */
  public record Options(
      boolean clustered, List<String> services, String configFile, JsonObject overrides) {
    public static Options standalone() {
      return new Options(false, List.of(), null, new JsonObject());
    }
  }

  /**
   * Starts a mesh. Call it from a plain thread (main, a test): the configuration is read first,
   * because it sizes the Vert.x the services run on (and, in a cluster, says how to join).
   */
  public static Future<Mesh> start(Options options) {
    JsonObject config;
    try {
      config = ConfigLoader.load(options.configFile()).mergeIn(options.overrides(), true);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    return start(options, config);
  }

  public static List<ReflexService> availableServices() {
    List<ReflexService> all = new ArrayList<>();
    ServiceLoader.load(ReflexService.class).forEach(all::add);
    all.sort(Comparator.comparingInt(ReflexService::startOrder));
    return all;
  }

  private static Future<Mesh> start(Options options, JsonObject config) {
    List<ReflexService> chosen;
    try {
      chosen = choose(options.services());
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    ConfigTree settings;
    try {
      settings = ConfigTree.root(config);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    JsonObject cluster = settings.at("cluster").json();
    JsonObject kafka = settings.at("kafka").json();
    boolean durable = settings.flag("durable");
    if (durable && settings.at("kafka").text("bootstrapServers").isBlank()) {
      return Future.failedFuture(
          new IllegalArgumentException(
              "durable mode needs a Kafka broker: set "
                  + "kafka.bootstrapServers (REFLEX_KAFKA_BOOTSTRAPSERVERS, or --kafka HOST:PORT)"));
    }
    StateSettings state = StateSettings.from(settings.at("state").json());
    boolean liteMember = chosen.stream().noneMatch(ReflexService::keepsState);
    String registry = "reflex-" + UUID.randomUUID();
    VertxOptions vertxOptions;
    try {
      ConfigTree vertxSettings = settings.at("vertx");
      vertxOptions =
          vertxOptions(
              vertxSettings.integer("eventLoops"), vertxSettings.flag("nativeTransport"), registry);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    Future<Vertx> created;
    if (options.clustered()) {
      created = createClustered(vertxOptions, settings.at("cluster"), state, liteMember);
    } else {
      Vertx vertx = Vertx.builder().with(vertxOptions).build();
      StateStores.register(vertx, new InMemoryStateStore(state));
      created = Future.succeededFuture(vertx);
    }
    return created.compose(
        vertx -> {
          Codecs.register(vertx);
          JsonObject mesh =
              MeshContext.describe(registry, options.clustered(), cluster, kafka, durable);
          // One at a time, in start order: services that others send to are up first, and each
          // lands on the event loop ServicePlacement chose for it.
          ServicePlacement placement = new ServicePlacement(vertx);
          Future<Void> deployed = Future.succeededFuture();
          for (ReflexService service : chosen) {
            DeploymentOptions deployment =
                new DeploymentOptions()
                    .setConfig(
                        config
                            .getJsonObject(service.name(), new JsonObject())
                            .copy()
                            .put(MeshContext.KEY, mesh));
            deployed =
                deployed
                    .compose(v -> placement.deploy(service, service.createVerticle(), deployment))
                    .map(id -> (Void) null)
                    .onSuccess(v -> LOG.info("started " + service.name()));
          }
          List<String> names = chosen.stream().map(ReflexService::name).toList();
          if (options.clustered() && !names.contains("gateway")) {
            int opsPort = settings.at("ops").integer("port");
            deployed = deployed.compose(v -> startOpsServer(vertx, opsPort, registry));
          }
          return deployed
              .compose(v -> MemberDirectory.register(vertx, names))
              .map(v -> new Mesh(vertx, config, names))
              .recover(failure -> vertx.close().transform(ignored -> Future.failedFuture(failure)));
        });
  }

  private static List<ReflexService> choose(List<String> names) {
    List<ReflexService> all = availableServices();
    if (names.isEmpty()) {
      return all;
    }
    List<String> known = all.stream().map(ReflexService::name).toList();
    List<String> unknown = names.stream().filter(n -> !known.contains(n)).toList();
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          "unknown service(s) " + unknown + "; choose from " + known);
    }
    return all.stream().filter(s -> names.contains(s.name())).collect(Collectors.toList());
  }

  /**
   * @param eventLoops {@code vertx.eventLoops}
   * @param nativeTransport {@code vertx.nativeTransport}: Linux's epoll through Netty's native
   *     transport instead of Java NIO, where it loads (Vert.x falls back to NIO elsewhere)
   */
  private static VertxOptions vertxOptions(
      int eventLoops, boolean nativeTransport, String registry) {
    if (eventLoops < 0) {
      throw new IllegalArgumentException(
          "vertx.eventLoops must be 0 (one per core) or more, not " + eventLoops);
    }
    return new VertxOptions()
        .setEventLoopPoolSize(
            eventLoops == 0 ? Runtime.getRuntime().availableProcessors() : eventLoops)
        .setPreferNativeTransport(nativeTransport)
        .setMetricsOptions(
            new MicrometerMetricsOptions()
                .setEnabled(true)
                // Event-bus meters are updated on every send and every delivery (a meter lookup
                // each): 7% of the CPU samples of a loaded mesh. Reflex's own meters count what
                // its services do.
                .addDisabledMetricsCategory(MetricsDomain.EVENT_BUS)
                .setJvmMetricsEnabled(true)
                .setRegistryName(registry)
                .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true)));
  }

  private static Future<Vertx> createClustered(
      VertxOptions options, ConfigTree cluster, StateSettings state, boolean liteMember) {
    EventBusOptions eventBus =
        options.getEventBusOptions().setPort(cluster.integer("eventBusPort"));
    String host = cluster.text("eventBusHost");
    if (!host.isBlank()) {
      eventBus.setHost(host);
    }
    Config hazelcast = ClusterSettings.hazelcast(cluster.json(), state, liteMember);
    HazelcastClusterManager clusterManager;
    if (liteMember) {
      try {
        clusterManager =
            LiteMemberClusterManager.join(
                hazelcast, Duration.ofSeconds(cluster.integer("dataMemberWaitSeconds")));
      } catch (TimeoutException e) {
        return Future.failedFuture(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Future.failedFuture(e);
      }
    } else {
      clusterManager = new HazelcastClusterManager(hazelcast);
    }
    return Vertx.builder()
        .with(options)
        .withClusterManager(clusterManager)
        .buildClustered()
        .onSuccess(
            vertx ->
                StateStores.register(
                    vertx, new HazelcastStateStore(vertx, clusterManager.getHazelcastInstance())));
  }

  private static Future<Void> startOpsServer(Vertx vertx, int port, String registry) {
    Router router = Router.router(vertx);
    OpsEndpoints.mount(router, vertx, OpsEndpoints.readiness(vertx), registry);
    return vertx
        .createHttpServer()
        .requestHandler(router)
        .listen(port)
        .onSuccess(server -> LOG.info("ops endpoints on port " + server.actualPort()))
        .mapEmpty();
  }
}
