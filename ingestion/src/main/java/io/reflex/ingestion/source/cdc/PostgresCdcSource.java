package io.reflex.ingestion.source.cdc;

import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.format.Json;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.reflex.common.event.CloudEvent;
import io.reflex.eventlog.KafkaSettings;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * A {@code postgres-cdc} source: Debezium's embedded engine reads the committed row changes of the
 * configured tables through the replication slot and hands them to ingestion (see {@link
 * ChangeHandler}). Before each start it checks the publication and the slot; whenever the database
 * is away or the engine stops on an error, it reports the reason in its status (readiness names the
 * source) and starts again, backing off up to 30 s.
 */
public final class PostgresCdcSource {

  private static final Logger LOG = Logger.getLogger(PostgresCdcSource.class.getName());
  private static final long MAX_RESTART_DELAY_MS = 30_000;
  private static final long LAG_PERIOD_MS = 5_000;

  private final Vertx vertx;
  private final KafkaSettings kafka;
  private final Consumer<Set<String>> logged;
  private final Context context;
  private final CdcSettings settings;
  private final CdcOffsets offsets;
  private final Database database;
  private final ChangeHandler handler;
  private final Counter restarts;
  private final ExecutorService engineThread;
  private volatile DebeziumEngine<ChangeEvent<String, String>> engine;
  private volatile boolean stopping;
  private volatile String problem = "starting";
  private volatile long lagBytes = -1;
  private long restartDelay = 1_000;
  private long lagTimer = -1;

  /**
   * @param ingest the ingestion path: validates, deduplicates, logs; answers one result per event
   * @param logged durable mode, before the first start: told the identities of this source's events
   *     already in the log, for the duplicate filter
   */
  public PostgresCdcSource(
      Vertx vertx,
      Context context,
      CdcSettings settings,
      KafkaSettings kafka,
      boolean durable,
      Function<List<CloudEvent>, Future<List<JsonObject>>> ingest,
      Consumer<Set<String>> logged,
      MeterRegistry meters) {
    this.vertx = vertx;
    this.kafka = durable ? kafka : null;
    this.logged = logged;
    this.context = context;
    this.settings = settings;
    this.offsets = CdcOffsets.of(settings, kafka, durable);
    this.database = new Database(settings);
    this.handler =
        new ChangeHandler(
            settings, context, ingest, () -> context.runOnContext(v -> streaming()), meters);
    this.restarts =
        Counter.builder("reflex_source_cdc_restarts")
            .tag("source", settings.name())
            .register(meters);
    Gauge.builder("reflex_source_cdc_lag_bytes", this, source -> source.lagBytes)
        .tag("source", settings.name())
        .description("write-ahead log the slot has not confirmed yet; -1 while unknown")
        .register(meters);
    this.engineThread =
        Executors.newSingleThreadExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "reflex-cdc-" + settings.name());
              thread.setDaemon(true);
              return thread;
            });
  }

  public String name() {
    return settings.name();
  }

  public void start() {
    if (kafka == null) {
      attempt();
    } else {
      LogTail.identities(vertx, kafka, settings, settings.maxBatch() * 10)
          .onSuccess(
              identities -> {
                logged.accept(identities);
                LOG.info(
                    "source "
                        + settings.name()
                        + ": "
                        + identities.size()
                        + " of its events in the event log's tail");
              })
          .onFailure(
              e ->
                  LOG.warning(
                      "source "
                          + settings.name()
                          + ": could not read the event log's tail ("
                          + e
                          + "); a batch in flight at the last stop may be logged twice"))
          .onComplete(done -> attempt());
    }
    lagTimer =
        vertx.setPeriodic(
            LAG_PERIOD_MS,
            id ->
                vertx
                    .executeBlocking(database::lagBytes, false)
                    .onSuccess(bytes -> lagBytes = bytes)
                    .onFailure(e -> lagBytes = -1));
  }

  /** {@code {"kind":..,"status":"up"}} or {@code "down"} with the reason. */
  public JsonObject status() {
    String reason = problem;
    JsonObject status =
        new JsonObject()
            .put("kind", CdcSettings.KIND)
            .put("status", reason == null ? "up" : "down");
    return reason == null ? status.put("lagBytes", lagBytes) : status.put("reason", reason);
  }

  public Future<Void> stop() {
    stopping = true;
    vertx.cancelTimer(lagTimer);
    return vertx.executeBlocking(
        () -> {
          DebeziumEngine<ChangeEvent<String, String>> running = engine;
          if (running != null) {
            running.close();
          }
          engineThread.shutdown();
          engineThread.awaitTermination(30, TimeUnit.SECONDS);
          return null;
        });
  }

  private void attempt() {
    offsets
        .exist(vertx)
        .compose(
            exist ->
                vertx.executeBlocking(
                    () -> {
                      database.check(exist);
                      return DebeziumEngine.create(Json.class)
                          .using(EngineProperties.of(settings, offsets, database.password()))
                          .using(
                              new DebeziumEngine.ConnectorCallback() {
                                @Override
                                public void taskStarted() {
                                  context.runOnContext(v -> streaming());
                                }
                              })
                          .using(
                              (success, message, error) ->
                                  context.runOnContext(
                                      v -> stopped(error == null ? message : error.getMessage())))
                          .notifying(handler)
                          .build();
                    },
                    false))
        .onSuccess(
            built -> {
              engine = built;
              engineThread.execute(built);
            })
        .onFailure(e -> stopped(e.getMessage()));
  }

  private void streaming() {
    if (problem != null) {
      LOG.info(
          "source "
              + settings.name()
              + ": streaming from slot "
              + settings.slot()
              + ", offsets in "
              + offsets.where());
    }
    problem = null;
    restartDelay = 1_000;
  }

  /** The engine ended (or never started): unless stopping, say why and start again later. */
  private void stopped(String reason) {
    if (stopping) {
      return;
    }
    problem =
        "postgres-cdc source "
            + settings.name()
            + " ("
            + settings.host()
            + ":"
            + settings.port()
            + "/"
            + settings.database()
            + "): "
            + reason;
    LOG.warning(problem + "; starting again in " + restartDelay + " ms");
    restarts.increment();
    long delay = restartDelay;
    restartDelay = Math.min(restartDelay * 2, MAX_RESTART_DELAY_MS);
    vertx.setTimer(
        delay,
        id -> {
          if (!stopping) {
            attempt();
          }
        });
  }
}
