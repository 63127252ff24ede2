package io.reflex.router;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.reflex.common.bus.Addresses;
import io.reflex.common.bus.Outputs;
import io.reflex.common.event.CloudEvent;
import io.reflex.common.event.EventBatch;
import io.reflex.common.kafka.KafkaSettings;
import io.reflex.common.kafka.LogPosition;
import io.reflex.common.kafka.RecordWriter;
import io.reflex.common.ops.MeshContext;
import io.reflex.common.outputlog.OutputLog;
import io.reflex.common.outputlog.OutputLogSettings;
import io.reflex.common.state.StateStores;
import io.reflex.router.action.Action;
import io.reflex.router.action.Deliver;
import io.reflex.router.action.Deliveries;
import io.reflex.router.action.Emit;
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
import io.reflex.router.sequence.SequenceLimits;
import io.reflex.router.sequence.SequenceRule;
import io.reflex.router.sequence.Sequences;
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
 * Matches every accepted or derived event against the rules and runs the actions of each rule it matches: deliver to
 * a service, emit a derived event, publish to a Kafka topic. Sequence rules advance their per-key state in the
 * keyed-state store (one update per rule and key per batch) and run their actions when a sequence completes; every
 * replica looks for windows due to close on a timer, so a window closes even when the replica that opened it is gone.
 * The rules are swapped whole on reload, so an event sees either the old or the new set, never a mix.
 *
 * <p>Fast mode takes events from the event bus and hands actions on without waiting. Durable mode reads them from the
 * event log ({@link EventLogRouting}) and routes each batch <em>confirmed</em>: deliveries are requests the services
 * answer with their outputs, outputs and derived events are pushed and routed in turn, and the returned future
 * completes when all of it is done, which is when the log's offsets are committed. Durable mode's outputs are
 * appended to the output log before the batch that caused them counts as done: gateways push them from there.
 */
public final class RouterVerticle extends VerticleBase {

  private static final Logger LOG = Logger.getLogger(RouterVerticle.class.getName());

  private RulesSource source;
  private volatile CompiledRules rules;
  private int maxDepth;
  private boolean durable;
  private MeterRegistry meters;
  private final Map<String, Counter> hits = new HashMap<>();
  private final Map<String, Counter> updates = new HashMap<>();
  private Counter depthLimited;
  private Counter emittedOutputs;
  private Counter partialsDropped;
  private Counter lateEvents;
  private Sequences sequences;
  /** The newest event time this replica has seen, any key. */
  private long eventTime = Long.MIN_VALUE;
  private boolean closingWindows;
  private volatile int openWindows;
  private Deliveries deliveries;
  private Sink sink;
  private EventLogRouting eventLog;
  private OutputLog outputLog;
  private long timerId;

  @Override
  public Future<?> start() {
    JsonObject config = config();
    JsonObject rulesConfig = config.getJsonObject("rules", new JsonObject());
    JsonObject sequenceConfig = config.getJsonObject("sequence", new JsonObject());
    JsonObject logConfig = config.getJsonObject("log", new JsonObject());
    maxDepth = config.getInteger("maxDepth", 4);
    durable = MeshContext.durable(config);
    meters = MeshContext.meters(config);
    depthLimited = Counter.builder("reflex_router_depth_limited").register(meters);
    emittedOutputs = Counter.builder("reflex_router_outputs_emitted")
        .description("durable mode: outputs of confirmed deliveries this router pushed and routed").register(meters);
    partialsDropped = Counter.builder("reflex_sequence_partials_dropped").register(meters);
    lateEvents = Counter.builder("reflex_sequence_late_events").register(meters);
    SequenceLimits limits = new SequenceLimits(sequenceConfig.getInteger("maxPartialsPerKey", 16),
        sequenceConfig.getLong("latenessMs", 5000L));
    sequences = new Sequences(StateStores.of(vertx), limits);
    Gauge.builder("reflex_sequence_open_windows", () -> openWindows).register(meters);
    deliveries = new Deliveries(vertx, logConfig.getLong("deliveryTimeoutMs", 2000L),
        logConfig.getInteger("deliveryAttempts", 3), meters);
    KafkaSettings kafka;
    try {
      kafka = MeshContext.kafka(config);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    if (durable) {
      outputLog = new OutputLog(OutputLogSettings.from(config), "reflex-router-outputs");
      outputLog.prepare(vertx);
    }
    sink = kafka.configured() ? new Sink(context, new RecordWriter(kafka, "reflex-router-sink"), meters) : null;
    source = new RulesSource(vertx, rulesConfig.getString("path"), rulesConfig.getLong("scanPeriodMs", 2000L),
        this::publishable);
    RulesOperations operations = new RulesOperations(vertx, () -> rules, source, this::hitCount);
    return source.load().compose(loaded -> {
      rules = loaded;
      source.watch(reloaded -> rules = reloaded);
      timerId = vertx.setPeriodic(sequenceConfig.getLong("timerPeriodMs", 1000L), id -> closeWindows());
      Future<Void> logged = Future.succeededFuture();
      if (durable) {
        eventLog = new EventLogRouting(vertx, context, kafka, logConfig, this::routeConfirmed, meters);
        logged = eventLog.start();
      }
      return Future.all(List.of(
          vertx.eventBus().<EventBatch>consumer(Addresses.ROUTER_ROUTE, this::route).completion(),
          vertx.eventBus().<EventBatch>consumer(Addresses.ROUTER_ROUTE_CONFIRMED, message ->
              routeConfirmed(message.body()).onComplete(done -> {
                if (done.succeeded()) {
                  message.reply(new JsonObject());
                } else {
                  message.fail(500, done.cause().getMessage());
                }
              })).completion(),
          operations.register(),
          logged));
    });
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timerId);
    source.close();
    Future<Void> drained = eventLog == null ? Future.succeededFuture() : eventLog.stop();
    return drained.eventually(() -> sink == null ? Future.succeededFuture() : sink.close(vertx))
        .eventually(() -> outputLog == null ? Future.succeededFuture()
            : vertx.executeBlocking(() -> {
              outputLog.close();
              return null;
            }));
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
          return "rule '" + rule.getKey() + "' publishes to topic " + publish.topic()
              + ", but no Kafka broker is configured (kafka.bootstrapServers)";
        }
      }
    }
    return null;
  }

  /**
   * Fast mode (and outputs that services emit on their own): handed on without waiting. In durable mode only outputs
   * come this way (a rate series' bucket closed by the clock); they go to the output log too, for the gateways.
   */
  private void route(Message<EventBatch> message) {
    if (outputLog != null) {
      outputLog.append(context, message.body().events())
          .onFailure(e -> LOG.warning("outputs not written to the output log: " + e.getMessage()));
    }
    process(message.body(), false);
  }

  /** Durable mode: the future completes when every action the batch triggered is done. */
  private Future<Void> routeConfirmed(EventBatch batch) {
    return process(batch, true);
  }

  private Future<Void> process(EventBatch batch, boolean confirmed) {
    CompiledRules current = rules;
    Plan plan = new Plan();
    SequenceBatch steps = new SequenceBatch();
    for (int i = 0; i < batch.size(); i++) {
      CloudEvent event = batch.events().get(i);
      eventTime = Math.max(eventTime, event.timeMillis());
      Matches matches = current.match(event);
      for (Rule rule : matches.rules()) {
        run(rule.id(), rule.actions(), event, batch.position(i), event.json(), plan);
      }
      for (Matches.StepHits hits : matches.sequences()) {
        steps.add(hits.rule(), event, batch.position(i), hits.steps());
      }
    }
    List<Future<?>> work = new ArrayList<>();
    work.add(carryOut(plan, confirmed));
    for (Sequences.Update update : sequences.advance(steps, now())) {
      updates.computeIfAbsent(update.rule().id(),
          id -> Counter.builder("reflex_sequence_updates").tag("rule", id).register(meters)).increment();
      work.add(whenDone(update, confirmed));
    }
    return Future.all(work).mapEmpty();
  }

  /**
   * Closes the windows whose wake has come, whichever replica opened them: trailing absences fire, stale partial
   * matches go. One look at a time: the next starts after every window of this one is closed.
   */
  private void closeWindows() {
    sequences.open().onSuccess(open -> openWindows = open);
    if (closingWindows) {
      return;
    }
    closingWindows = true;
    sequences.closeDue(rules::sequence, now())
        .onFailure(failure -> LOG.warning("looking for sequence windows due to close failed: " + failure))
        .compose(due -> Future.join(due.stream().map(update -> whenDone(update, durable)).toList()))
        .onComplete(done -> closingWindows = false);
  }

  private RouterTime now() {
    return new RouterTime(eventTime, System.currentTimeMillis());
  }

  /** Runs the actions of the sequences the store says completed; the store may answer after the batch is done. */
  private Future<Void> whenDone(Sequences.Update update, boolean confirmed) {
    return update.outcome()
        .onFailure(failure -> LOG.warning("sequence rule " + update.rule().id() + ": state update failed: " + failure))
        .compose(outcome -> completed(update.rule(), outcome, confirmed));
  }

  private Future<Void> completed(SequenceRule rule, Outcome outcome, boolean confirmed) {
    partialsDropped.increment(outcome.dropped());
    lateEvents.increment(outcome.late());
    Plan plan = new Plan();
    for (String match : outcome.matches()) {
      JsonObject context = new JsonObject(match);
      run(rule.id(), rule.actions(), CloudEvent.wrap(SequenceEngine.causeOf(context)), LogPosition.NONE, context, plan);
    }
    return carryOut(plan, confirmed);
  }

  private void run(String ruleId, List<Action> actions, CloudEvent cause, long position, JsonObject context,
                   Plan plan) {
    hitCounter(ruleId).increment();
    for (Action action : actions) {
      if (action instanceof Deliver deliver) {
        plan.deliver(deliver, cause, position);
      } else if (action instanceof Emit emit) {
        if (cause.depth() >= maxDepth) {
          depthLimited.increment();
        } else {
          plan.derived.add(emit.derive(ruleId, cause, context));
        }
      } else if (action instanceof Publish publish) {
        plan.published.computeIfAbsent(publish, p -> new ArrayList<>()).add(cause);
      }
    }
  }

  private Future<Void> carryOut(Plan plan, boolean confirmed) {
    if (!confirmed) {
      plan.deliveries.forEach((deliver, batch) -> deliveries.send(deliver.address(), batch.toBatch()));
      Outputs.emitAll(vertx, plan.derived);
      plan.published.forEach((publish, events) -> sink.publish(publish, events));
      return Future.succeededFuture();
    }
    List<Future<?>> work = new ArrayList<>();
    plan.deliveries.forEach((deliver, batch) -> work.add(
        deliveries.confirm(deliver.service(), deliver.address(), batch.toBatch()).compose(this::emitConfirmed)));
    work.add(emitConfirmed(plan.derived));
    plan.published.forEach((publish, events) -> work.add(sink.publish(publish, events)));
    return Future.all(work).mapEmpty();
  }

  /**
   * Appends outputs to the output log (durable mode), pushes them to every listener of the event bus and routes them,
   * all before the batch that caused them counts as done.
   */
  private Future<Void> emitConfirmed(List<CloudEvent> outputs) {
    if (outputs.isEmpty()) {
      return Future.succeededFuture();
    }
    emittedOutputs.increment(outputs.size());
    Future<Void> logged = outputLog == null ? Future.succeededFuture() : outputLog.append(context, outputs);
    Future<Void> pushed = logged.onSuccess(v -> {
      for (CloudEvent output : outputs) {
        vertx.eventBus().publish(Addresses.GATEWAY_OUTPUT, output);
      }
    });
    return Future.all(pushed, process(new EventBatch(outputs), true)).mapEmpty();
  }

  private double hitCount(String ruleId) {
    Counter counter = hits.get(ruleId);
    return counter == null ? 0 : counter.count();
  }

  private Counter hitCounter(String ruleId) {
    return hits.computeIfAbsent(ruleId, id -> Counter.builder("reflex_rule_hits").tag("rule", id).register(meters));
  }

  /** The actions a batch triggered, gathered so that each service gets one delivery per batch. */
  private static final class Plan {
    final Map<Deliver, PendingBatch> deliveries = new LinkedHashMap<>();
    final List<CloudEvent> derived = new ArrayList<>();
    final Map<Publish, List<CloudEvent>> published = new LinkedHashMap<>();

    void deliver(Deliver deliver, CloudEvent event, long position) {
      deliveries.computeIfAbsent(deliver, d -> new PendingBatch()).add(event, position);
    }
  }

  /** Events for one delivery with their log positions, so that the service can recognise a retried event. */
  private static final class PendingBatch {
    final List<CloudEvent> events = new ArrayList<>();
    final List<Long> positions = new ArrayList<>();
    boolean logged;

    void add(CloudEvent event, long position) {
      events.add(event);
      positions.add(position);
      logged |= position != LogPosition.NONE;
    }

    EventBatch toBatch() {
      return logged ? new EventBatch(events, positions.stream().mapToLong(Long::longValue).toArray())
          : new EventBatch(events);
    }
  }
}
