package io.reflex.router;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.reflex.common.bus.Addresses;
import io.reflex.common.bus.Outputs;
import io.reflex.common.event.CloudEvent;
import io.reflex.common.event.EventBatch;
import io.reflex.common.event.LogPosition;
import io.reflex.common.ops.MeshContext;
import io.reflex.common.state.StateStores;
import io.reflex.eventlog.KafkaSettings;
import io.reflex.eventlog.RecordWriter;
import io.reflex.eventlog.outputlog.OutputLog;
import io.reflex.eventlog.outputlog.OutputLogSettings;
import io.reflex.router.action.Action;
import io.reflex.router.action.Deliveries;
import io.reflex.router.action.Plan;
import io.reflex.router.action.PlanRunner;
import io.reflex.router.action.Publish;
import io.reflex.router.action.Sink;
import io.reflex.router.log.EventLogRouting;
import io.reflex.router.ops.RulesOperations;
import io.reflex.router.rules.CompiledRules;
import io.reflex.router.rules.Matches;
import io.reflex.router.rules.Rule;
import io.reflex.router.rules.RulesSource;
import io.reflex.router.sequence.Outcome;
import io.reflex.router.sequence.RouterTime;
import io.reflex.router.sequence.SequenceBatch;
import io.reflex.router.sequence.SequenceEngine;
import io.reflex.router.sequence.SequenceRule;
import io.reflex.router.sequence.Sequences;
import io.reflex.router.telemetry.RuleTelemetry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Matches every accepted or derived event against the rules and runs the actions of each rule it
 * matches: deliver to a service, emit a derived event, publish to a Kafka topic. Sequence rules
 * advance their per-key state in the keyed-state store (one update per rule and key per batch) and
 * run their actions when a sequence completes; every replica looks for windows due to close on a
 * timer, so a window closes even when the replica that opened it is gone. The rules are swapped
 * whole on reload, so an event sees either the old or the new set, never a mix.
 *
 * <p>Fast mode takes events from the event bus and hands actions on without waiting. Durable mode
 * reads them from the event log ({@link EventLogRouting}) and routes each batch <em>confirmed</em>:
 * deliveries are requests the services answer with their outputs, outputs and derived events are
 * pushed and routed in turn, and the returned future completes when all of it is done, which is
 * when the log's offsets are committed. Durable mode's outputs are appended to the output log
 * before the batch that caused them counts as done: gateways push them from there.
 */
public final class RouterVerticle extends VerticleBase {

  private static final Logger LOG = Logger.getLogger(RouterVerticle.class.getName());

  private RulesSource source;
  private volatile CompiledRules rules;
  private int maxDepth;
  private boolean durable;
  private MeterRegistry meters;
  private RuleTelemetry telemetry;
  private final Map<String, Counter> updates = new HashMap<>();
  private Counter partialsDropped;
  private Counter lateEvents;
  private Sequences sequences;

  /** The newest event time this replica has seen, any key. */
  private long eventTime = Long.MIN_VALUE;

  private boolean closingWindows;
  private volatile int openWindows;
  private Sink sink;
  private PlanRunner plans;
  private EventLogRouting eventLog;
  private Deliveries deliveries;
  private OutputLog outputLog;
  private long timerId;
  private long telemetryTimerId;

  @Override
  public Future<?> start() {
    JsonObject config = config();
    RouterSettings settings;
    try {
      settings = RouterSettings.from(config);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    maxDepth = settings.maxDepth();
    durable = MeshContext.durable(config);
    meters = MeshContext.meters(config);
    partialsDropped = Counter.builder("reflex_sequence_partials_dropped").register(meters);
    lateEvents = Counter.builder("reflex_sequence_late_events").register(meters);
    telemetry = new RuleTelemetry(meters, settings.telemetryTopRules());
    sequences = new Sequences(StateStores.of(vertx), settings.sequenceLimits());
    Gauge.builder("reflex_sequence_open_windows", () -> openWindows).register(meters);
    deliveries =
        new Deliveries(
            vertx,
            settings.log().deliveryTimeoutMs(),
            settings.log().deliveryAttempts(),
            settings.ownersRefreshMillis(),
            settings.handOverMillis(),
            meters);
    KafkaSettings kafka;
    try {
      kafka = KafkaSettings.from(MeshContext.kafka(config));
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    if (durable) {
      outputLog = new OutputLog(vertx, OutputLogSettings.from(config), "reflex-router-outputs");
      outputLog.prepare();
    }
    sink =
        kafka.configured()
            ? new Sink(context, new RecordWriter(vertx, kafka, "reflex-router-sink"), meters)
            : null;
    plans = new PlanRunner(vertx, deliveries, sink, outputLog, this::routeConfirmed, meters);
    source =
        new RulesSource(
            vertx, settings.rulesPath(), settings.rulesScanPeriodMs(), this::publishable);
    RulesOperations operations =
        new RulesOperations(vertx, () -> rules, source, telemetry::hits, sequences);
    return source
        .load()
        .compose(
            loaded -> {
              rules = loaded;
              source.watch(reloaded -> rules = reloaded);
              timerId = vertx.setPeriodic(settings.sequenceTimerPeriodMs(), id -> closeWindows());
              telemetryTimerId =
                  vertx.setPeriodic(settings.telemetryPeriodMs(), id -> telemetry.publish());
              Future<Void> logged = Future.succeededFuture();
              if (durable) {
                eventLog =
                    new EventLogRouting(
                        vertx, context, kafka, settings.log(), this::routeConfirmed, meters);
                logged = eventLog.start();
              }
              return Future.all(
                  List.of(
                      vertx
                          .eventBus()
                          .<EventBatch>consumer(Addresses.ROUTER_ROUTE, this::route)
                          .completion(),
                      vertx
                          .eventBus()
                          .<EventBatch>consumer(
                              Addresses.ROUTER_ROUTE_CONFIRMED,
                              message ->
                                  routeConfirmed(message.body())
                                      .onComplete(
                                          done -> {
                                            if (done.succeeded()) {
                                              message.reply(new JsonObject());
                                            } else {
                                              message.fail(500, done.cause().getMessage());
                                            }
                                          }))
                          .completion(),
                      operations.register(),
                      logged));
            });
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timerId);
    vertx.cancelTimer(telemetryTimerId);
    deliveries.close();
    source.close();
    Future<Void> drained = eventLog == null ? Future.succeededFuture() : eventLog.stop();
    return drained
        .eventually(() -> sink == null ? Future.succeededFuture() : sink.close())
        .eventually(() -> outputLog == null ? Future.succeededFuture() : outputLog.close());
  }

  /** Refuses a rules document that publishes to Kafka when no broker is configured. */
  private String publishable(CompiledRules candidate) {
    if (sink != null) {
      return null;
    }
    Map<String, List<Action>> actions = new LinkedHashMap<>();
    candidate.rules().forEach(rule -> actions.put(rule.id(), rule.actions()));
    candidate.sequences().forEach(rule -> actions.put(rule.id(), rule.actions()));
    for (Map.Entry<String, List<Action>> rule : actions.entrySet()) {
      for (Action action : rule.getValue()) {
        if (action instanceof Publish publish) {
          return "rule '"
              + rule.getKey()
              + "' publishes to topic "
              + publish.topic()
              + ", but no Kafka broker is configured (kafka.bootstrapServers)";
        }
      }
    }
    return null;
  }

  /**
   * Fast mode (and outputs that services emit on their own): handed on without waiting. A sender
   * that asks for a reply (ingestion's routing window) hears once the services acknowledged their
   * deliveries. In durable mode only outputs come this way (a rate series' bucket closed by the
   * clock); they go to the output log too, for the gateways.
   */
  private void route(Message<EventBatch> message) {
    if (passedOver(message)) {
      return;
    }
    if (outputLog != null) {
      outputLog
          .append(context, message.body().events())
          .onFailure(e -> LOG.warning("outputs not written to the output log: " + e.getMessage()));
    }
    Future<Void> handedOn = process(message.body(), false);
    if (message.replyAddress() != null) {
      handedOn.onComplete(done -> message.reply(null));
    }
  }

  /**
   * Outputs routed back from another process are decoded only when their body is read: a batch of
   * types no rule names (in a telemetry load, every point's score) is passed over, moving only the
   * event-time clock on, as routing it would have. Outputs that go to the output log are read.
   */
  private boolean passedOver(Message<EventBatch> message) {
    if (!vertx.isClustered() || outputLog != null) {
      return false;
    }
    List<String> types = Outputs.types(message);
    if (types.isEmpty() || types.stream().anyMatch(rules::mayMatchType)) {
      return false;
    }
    eventTime = Math.max(eventTime, Outputs.latestTime(message));
    if (message.replyAddress() != null) {
      message.reply(null);
    }
    return true;
  }

  /** Durable mode: the future completes when every action the batch triggered is done. */
  private Future<Void> routeConfirmed(EventBatch batch) {
    return process(batch, true);
  }

  private Future<Void> process(EventBatch batch, boolean confirmed) {
    CompiledRules current = rules;
    Plan plan = new Plan(maxDepth);
    SequenceBatch steps = new SequenceBatch();
    for (int i = 0; i < batch.size(); i++) {
      CloudEvent event = batch.events().get(i);
      eventTime = Math.max(eventTime, event.timeMillis());
      boolean sampled = telemetry.sample();
      long started = sampled ? System.nanoTime() : 0;
      Matches matches = current.match(event);
      long share =
          sampled ? (System.nanoTime() - started) / Math.max(1, matches.rules().size()) : 0;
      for (Rule rule : matches.rules()) {
        long planned = sampled ? System.nanoTime() : 0;
        int derived = plan.derived().size();
        plan.add(rule.id(), rule.actions(), event, batch.position(i), event.json());
        telemetry.matched(rule.id());
        telemetry.derived(rule.id(), plan.derived().size() - derived);
        if (sampled) {
          telemetry.cost(rule.id(), share + System.nanoTime() - planned);
        }
      }
      for (Matches.StepHits hits : matches.sequences()) {
        steps.add(hits.rule(), event, batch.position(i), hits.steps());
      }
    }
    List<Future<?>> work = new ArrayList<>();
    work.add(plans.carryOut(plan, confirmed));
    for (Sequences.Update update : sequences.advance(steps, now())) {
      updates
          .computeIfAbsent(
              update.rule().id(),
              id -> Counter.builder("reflex_sequence_updates").tag("rule", id).register(meters))
          .increment();
      work.add(whenDone(update, confirmed));
    }
    return Future.all(work).mapEmpty();
  }

  /**
   * Closes the windows whose wake has come, whichever replica opened them: trailing absences fire,
   * stale partial matches go. One look at a time: the next starts after every window of this one is
   * closed.
   */
  private void closeWindows() {
    sequences.open().onSuccess(open -> openWindows = open);
    if (closingWindows) {
      return;
    }
    closingWindows = true;
    sequences
        .closeDue(rules::sequence, now())
        .onFailure(
            failure -> LOG.warning("looking for sequence windows due to close failed: " + failure))
        .compose(due -> Future.join(due.stream().map(update -> whenDone(update, durable)).toList()))
        .onComplete(done -> closingWindows = false);
  }

  private RouterTime now() {
    return new RouterTime(eventTime, System.currentTimeMillis());
  }

  /**
   * Runs the actions of the sequences the store says completed; the store may answer after the
   * batch is done.
   */
  private Future<Void> whenDone(Sequences.Update update, boolean confirmed) {
    return update
        .outcome()
        .onFailure(
            failure ->
                LOG.warning(
                    "sequence rule " + update.rule().id() + ": state update failed: " + failure))
        .compose(outcome -> completed(update.rule(), outcome, confirmed));
  }

  private Future<Void> completed(SequenceRule rule, Outcome outcome, boolean confirmed) {
    partialsDropped.increment(outcome.dropped());
    lateEvents.increment(outcome.late());
    telemetry.sequence(rule.id(), outcome.partialsChange(), outcome.bytesChange());
    Plan plan = new Plan(maxDepth);
    for (String match : outcome.matches()) {
      JsonObject context = new JsonObject(match);
      plan.add(
          rule.id(),
          rule.actions(),
          CloudEvent.wrap(SequenceEngine.causeOf(context)),
          LogPosition.NONE,
          context);
      telemetry.matched(rule.id());
    }
    telemetry.derived(rule.id(), plan.derived().size());
    return plans.carryOut(plan, confirmed);
  }
}
