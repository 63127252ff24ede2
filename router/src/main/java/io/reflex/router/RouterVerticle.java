package io.reflex.router;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.reflex.common.bus.Addresses;
import io.reflex.common.bus.Outputs;
import io.reflex.common.event.CloudEvent;
import io.reflex.common.event.EventBatch;
import io.reflex.common.ops.MeshContext;
import io.reflex.common.state.StateStores;
import io.reflex.router.action.Action;
import io.reflex.router.action.Deliver;
import io.reflex.router.action.Emit;
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
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Matches every accepted or derived event against the rules and runs the actions of each rule it matches: deliver to
 * a service, emit a derived event. Sequence rules advance their per-key state in the keyed-state store (one update
 * per rule and key per batch) and run their actions when a sequence completes; every replica looks for windows due
 * to close on a timer, so a window closes even when the replica that opened it is gone. The rules are swapped whole
 * on reload, so an event sees either the old or the new set, never a mix.
 */
public final class RouterVerticle extends VerticleBase {

  private static final Logger LOG = Logger.getLogger(RouterVerticle.class.getName());

  private RulesSource source;
  private volatile CompiledRules rules;
  private int maxDepth;
  private MeterRegistry meters;
  private final Map<String, Counter> hits = new HashMap<>();
  private final Map<String, Counter> updates = new HashMap<>();
  private Counter depthLimited;
  private Counter partialsDropped;
  private Counter lateEvents;
  private Sequences sequences;
  /** The newest event time this replica has seen, any key. */
  private long eventTime = Long.MIN_VALUE;
  private boolean closingWindows;
  private volatile int openWindows;
  private long timerId;

  @Override
  public Future<?> start() {
    JsonObject config = config();
    JsonObject rulesConfig = config.getJsonObject("rules", new JsonObject());
    JsonObject sequenceConfig = config.getJsonObject("sequence", new JsonObject());
    maxDepth = config.getInteger("maxDepth", 4);
    meters = MeshContext.meters(config);
    depthLimited = Counter.builder("reflex_router_depth_limited").register(meters);
    partialsDropped = Counter.builder("reflex_sequence_partials_dropped").register(meters);
    lateEvents = Counter.builder("reflex_sequence_late_events").register(meters);
    SequenceLimits limits = new SequenceLimits(sequenceConfig.getInteger("maxPartialsPerKey", 16),
        sequenceConfig.getLong("latenessMs", 5000L));
    sequences = new Sequences(StateStores.of(vertx), limits);
    Gauge.builder("reflex_sequence_open_windows", () -> openWindows).register(meters);
    source = new RulesSource(vertx, rulesConfig.getString("path"), rulesConfig.getLong("scanPeriodMs", 2000L));
    RulesOperations operations = new RulesOperations(vertx, () -> rules, source, this::hitCount);
    return source.load().compose(loaded -> {
      rules = loaded;
      source.watch(reloaded -> rules = reloaded);
      timerId = vertx.setPeriodic(sequenceConfig.getLong("timerPeriodMs", 1000L), id -> closeWindows());
      return Future.all(
          vertx.eventBus().<EventBatch>consumer(Addresses.ROUTER_ROUTE, this::route).completion(),
          operations.register());
    });
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timerId);
    source.close();
    return Future.succeededFuture();
  }

  private void route(Message<EventBatch> message) {
    CompiledRules current = rules;
    Map<String, List<CloudEvent>> deliveries = new HashMap<>();
    SequenceBatch steps = new SequenceBatch();
    for (CloudEvent event : message.body().events()) {
      eventTime = Math.max(eventTime, event.timeMillis());
      Matches matches = current.match(event.encode());
      for (Rule rule : matches.rules()) {
        run(rule.id(), rule.actions(), event, event.json(), deliveries);
      }
      for (Matches.StepHits hits : matches.sequences()) {
        steps.add(hits.rule(), event, hits.steps());
      }
    }
    send(deliveries);
    for (Sequences.Update update : sequences.advance(steps, now())) {
      updates.computeIfAbsent(update.rule().id(),
          id -> Counter.builder("reflex_sequence_updates").tag("rule", id).register(meters)).increment();
      whenDone(update);
    }
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
        .compose(updates -> Future.join(updates.stream().map(this::whenDone).toList()))
        .onComplete(done -> closingWindows = false);
  }

  private RouterTime now() {
    return new RouterTime(eventTime, System.currentTimeMillis());
  }

  private Future<Outcome> whenDone(Sequences.Update update) {
    return update.outcome()
        .onSuccess(outcome -> completed(update.rule(), outcome))
        .onFailure(failure -> LOG.warning("sequence rule " + update.rule().id() + ": state update failed: " + failure));
  }

  /** Runs the actions of the sequences the store says completed; the store may answer after the batch is done. */
  private void completed(SequenceRule rule, Outcome outcome) {
    partialsDropped.increment(outcome.dropped());
    lateEvents.increment(outcome.late());
    Map<String, List<CloudEvent>> deliveries = new HashMap<>();
    for (String match : outcome.matches()) {
      JsonObject context = new JsonObject(match);
      run(rule.id(), rule.actions(), CloudEvent.wrap(SequenceEngine.causeOf(context)), context, deliveries);
    }
    send(deliveries);
  }

  private void send(Map<String, List<CloudEvent>> deliveries) {
    deliveries.forEach((address, events) -> {
      if (Deliver.EVERY_REPLICA.contains(address)) {
        vertx.eventBus().publish(address, new EventBatch(events));
      } else {
        vertx.eventBus().send(address, new EventBatch(events));
      }
    });
  }

  private void run(String ruleId, List<Action> actions, CloudEvent cause, JsonObject context,
                   Map<String, List<CloudEvent>> deliveries) {
    hitCounter(ruleId).increment();
    for (Action action : actions) {
      if (action instanceof Deliver deliver) {
        deliveries.computeIfAbsent(deliver.address(), a -> new ArrayList<>()).add(cause);
      } else if (action instanceof Emit emit) {
        emit(ruleId, emit, cause, context);
      }
    }
  }

  private void emit(String ruleId, Emit emit, CloudEvent cause, JsonObject context) {
    if (cause.depth() >= maxDepth) {
      depthLimited.increment();
      return;
    }
    Outputs.emit(vertx, emit.derive(ruleId, cause, context));
  }

  private double hitCount(String ruleId) {
    Counter counter = hits.get(ruleId);
    return counter == null ? 0 : counter.count();
  }

  private Counter hitCounter(String ruleId) {
    return hits.computeIfAbsent(ruleId, id -> Counter.builder("reflex_rule_hits").tag("rule", id).register(meters));
  }
}
