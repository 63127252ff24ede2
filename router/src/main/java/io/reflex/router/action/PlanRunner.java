package io.reflex.router.action;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.reflex.common.bus.Outputs;
import io.reflex.common.event.CloudEvent;
import io.reflex.common.event.EventBatch;
import io.reflex.eventlog.outputlog.OutputLog;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Carries out the router's plans. Fast mode hands everything on without waiting. Durable mode
 * confirms: deliveries are requests the services answer with their outputs, outputs and derived
 * events are pushed to the gateways and routed in turn, and the returned future completes when all
 * of it is done.
 */
public final class PlanRunner {

  private final Vertx vertx;
  private final Deliveries deliveries;
  private final Sink sink;
  private final OutputLog outputLog;
  private final Function<EventBatch, Future<Void>> routeConfirmed;
  private final Counter depthLimited;
  private final Counter emittedOutputs;

  /**
   * @param sink null when no Kafka broker is configured (the rules then have no publish action)
   * @param outputLog durable mode: where every output is appended before it is pushed; null
   *     otherwise
   * @param routeConfirmed routes a batch of outputs in durable mode, completing when everything it
   *     triggered is done
   */
  public PlanRunner(
      Vertx vertx,
      Deliveries deliveries,
      Sink sink,
      OutputLog outputLog,
      Function<EventBatch, Future<Void>> routeConfirmed,
      MeterRegistry meters) {
    this.vertx = vertx;
    this.deliveries = deliveries;
    this.sink = sink;
    this.outputLog = outputLog;
    this.routeConfirmed = routeConfirmed;
    this.depthLimited = Counter.builder("reflex_router_depth_limited").register(meters);
    this.emittedOutputs =
        Counter.builder("reflex_router_outputs_emitted")
            .description(
                "durable mode: outputs of confirmed deliveries this router pushed and routed")
            .register(meters);
  }

  public Future<Void> carryOut(Plan plan, boolean confirmed) {
    depthLimited.increment(plan.depthLimited());
    if (!confirmed) {
      // Completes when the services acknowledged their deliveries, which bounds what ingestion lets
      // in; Kafka publishes are not waited for (they retry on their own timers).
      List<Future<Void>> delivered = new ArrayList<>(plan.deliveries().size());
      plan.deliveries()
          .forEach(
              (deliver, batch) -> delivered.add(deliveries.send(deliver.address(), batch.build())));
      Outputs.emitAll(vertx, plan.derived());
      plan.published().forEach((publish, events) -> sink.publish(publish, events));
      return Future.join(delivered).mapEmpty();
    }
    List<Future<?>> work = new ArrayList<>();
    plan.deliveries()
        .forEach(
            (deliver, batch) ->
                work.add(
                    deliveries
                        .confirm(deliver.service(), deliver.address(), batch.build())
                        .compose(this::emitConfirmed)));
    work.add(emitConfirmed(plan.derived()));
    plan.published().forEach((publish, events) -> work.add(sink.publish(publish, events)));
    return Future.all(work).mapEmpty();
  }

  /**
   * Appends outputs to the output log (durable mode), pushes them to every listener of the event
   * bus and routes them, all before the batch that caused them counts as done.
   */
  private Future<Void> emitConfirmed(List<CloudEvent> outputs) {
    if (outputs.isEmpty()) {
      return Future.succeededFuture();
    }
    emittedOutputs.increment(outputs.size());
    Future<Void> logged =
        outputLog == null
            ? Future.succeededFuture()
            : outputLog.append(vertx.getOrCreateContext(), outputs);
    Future<Void> pushed = logged.onSuccess(v -> Outputs.pushAll(vertx, outputs));
    return Future.all(pushed, routeConfirmed.apply(new EventBatch(outputs))).mapEmpty();
  }
}
