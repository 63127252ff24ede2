package io.reflex.router.action;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.reflex.common.bus.Addresses;
import io.reflex.common.bus.Codecs;
import io.reflex.common.bus.Outputs;
import io.reflex.common.event.CloudEvent;
import io.reflex.common.event.EventBatch;
import io.reflex.common.ops.MemberDirectory;
import io.reflex.common.placement.KeyOwners;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Hands matched events to the services their rules deliver to.
 *
 * <p>Fast mode sends and forgets: one replica gets each batch, or every replica for services that
 * keep the whole model ({@link Deliver#EVERY_REPLICA}). Durable mode <em>confirms</em>: each batch
 * is a request that the service answers with the outputs it produced, retried a few times when a
 * replica is slow or gone; an every-replica delivery is requested from each live replica in turn.
 * The router commits the events only after these complete.
 *
 * <p>A keyed service ({@link Deliver#KEYED}) in a cluster gets each event at the replica that owns
 * the event's key ({@link KeyOwners}), where its state lives. In fast mode each part is
 * acknowledged, so a part whose replica died before acknowledging it is handed over to the key's
 * next owner once the cluster has dropped the dead one (a replica that is merely slow keeps its
 * part: the event bus loses nothing to a live member, and sending it twice would score it twice).
 */
public final class Deliveries {

  private static final Logger LOG = Logger.getLogger(Deliveries.class.getName());
  private static final long RETRY_PAUSE_MS = 200;

  private final Vertx vertx;
  private final DeliveryOptions request;
  private final DeliveryOptions acknowledged;
  private final int attempts;
  private final long handOverMillis;
  private final MeterRegistry meters;
  private final Map<String, KeyOwners> keyed = new HashMap<>();
  private final Counter unacknowledged;
  private final Counter handedOver;

  /**
   * @param handOverMillis fast mode: how long a part unacknowledged by its owner waits for the
   *     cluster to name a new owner before it is given up (and counted)
   */
  public Deliveries(
      Vertx vertx,
      long timeoutMs,
      int attempts,
      long ownersRefreshMillis,
      long handOverMillis,
      MeterRegistry meters) {
    this.vertx = vertx;
    this.request = Codecs.timeout(timeoutMs);
    this.acknowledged = Codecs.timeout(timeoutMs).addHeader(Outputs.ACKNOWLEDGE, "true");
    this.attempts = attempts;
    this.handOverMillis = handOverMillis;
    this.meters = meters;
    Deliver.KEYED.forEach(
        (service, address) ->
            keyed.put(address, KeyOwners.watch(vertx, service, ownersRefreshMillis)));
    this.unacknowledged =
        Counter.builder("reflex_router_deliveries_unacknowledged")
            .description(
                "fast mode: events whose keyed replica neither acknowledged them nor was replaced in time")
            .register(meters);
    this.handedOver =
        Counter.builder("reflex_router_deliveries_handed_over")
            .description(
                "fast mode: events sent again to their key's new owner because the keyed replica they were sent to did not acknowledge them")
            .register(meters);
  }

  /**
   * Fast mode.
   *
   * @return completes once the service acknowledged the batch (handled it), or once it is known not
   *     to: a silent keyed replica's part is then handed over in the background. Never fails. A
   *     batch published to every replica completes at once.
   */
  public Future<Void> send(String address, EventBatch batch) {
    KeyOwners owners = keyed.get(address);
    if (Deliver.EVERY_REPLICA.contains(address)) {
      vertx.eventBus().publish(address, batch);
      return Future.succeededFuture();
    }
    if (owners != null && owners.distributed()) {
      return sendToOwners(owners, address, batch, System.currentTimeMillis() + handOverMillis);
    }
    return sendAcknowledged(address, batch);
  }

  private Future<Void> sendAcknowledged(String address, EventBatch batch) {
    return vertx.eventBus().request(address, batch, acknowledged).transform(done -> succeeded());
  }

  private static Future<Void> succeeded() {
    return Future.succeededFuture();
  }

  public void close() {
    keyed.values().forEach(KeyOwners::close);
  }

  /** Fast mode, keyed: each part to its key's owner, acknowledged. */
  private Future<Void> sendToOwners(
      KeyOwners owners, String address, EventBatch batch, long deadline) {
    List<Future<Void>> parts = new ArrayList<>();
    OwnerBatches.split(batch, owners)
        .forEach(
            (owner, part) -> {
              if (owner == null) {
                parts.add(
                    sendAcknowledged(address, part)); // no replica is known yet: any one will do
                return;
              }
              parts.add(
                  vertx
                      .eventBus()
                      .request(Addresses.ofMember(address, owner), part, acknowledged)
                      .transform(
                          done -> {
                            if (done.failed()) {
                              handOver(owners, address, owner, part, deadline);
                            }
                            return succeeded();
                          }));
            });
    return Future.join(parts).mapEmpty();
  }

  /**
   * Sends a part again once its keys have another owner; while the cluster still lists the silent
   * one, waits.
   */
  private void handOver(
      KeyOwners owners, String address, String silent, EventBatch part, long deadline) {
    if (System.currentTimeMillis() > deadline) {
      unacknowledged.increment(part.size());
      LOG.warning(
          part.size()
              + " event(s) for "
              + address
              + " were not acknowledged by "
              + silent
              + ", which the cluster still lists; they may not have been handled");
      return;
    }
    later(() -> owners.refresh())
        .onComplete(
            refreshed -> {
              if (silent.equals(owners.owner(KeyOwners.keyOf(part.events().get(0))))) {
                handOver(owners, address, silent, part, deadline);
              } else {
                handedOver.increment(part.size());
                sendToOwners(owners, address, part, deadline);
              }
            });
  }

  /**
   * Durable mode: completes with the outputs once the service confirmed the batch; fails after the
   * retries.
   */
  public Future<List<CloudEvent>> confirm(String service, String address, EventBatch batch) {
    KeyOwners owners = keyed.get(address);
    if (owners != null && owners.distributed()) {
      return confirmByOwners(owners, service, address, batch, 1);
    }
    if (!Deliver.EVERY_REPLICA.contains(address)) {
      return requestOne(service, address, batch, 1);
    }
    return MemberDirectory.replicas(vertx, service)
        .compose(
            nodes -> {
              List<Future<List<CloudEvent>>> answers = new ArrayList<>(nodes.size());
              for (String node : nodes) {
                answers.add(
                    requestOne(service, Addresses.ofMember(address, node), batch, 1)
                        .recover(
                            failure ->
                                gone(failure)
                                    ? Future.succeededFuture(List.of())
                                    : Future.failedFuture(failure)));
              }
              return Future.all(answers)
                  .map(
                      all -> {
                        List<CloudEvent> outputs = new ArrayList<>();
                        answers.forEach(answer -> outputs.addAll(answer.result()));
                        return outputs;
                      });
            });
  }

  /**
   * Durable mode, keyed: each part confirmed by its key's owner; a part that fails goes to the
   * owner of then.
   */
  private Future<List<CloudEvent>> confirmByOwners(
      KeyOwners owners, String service, String address, EventBatch batch, int attempt) {
    List<Future<List<CloudEvent>>> answers = new ArrayList<>();
    OwnerBatches.split(batch, owners)
        .forEach(
            (owner, part) ->
                answers.add(
                    owner == null
                        ? requestOne(service, address, part, attempt)
                        : vertx
                            .eventBus()
                            .<EventBatch>request(Addresses.ofMember(address, owner), part, request)
                            .map(reply -> reply.body().events())
                            .recover(
                                failure -> {
                                  if (attempt >= attempts) {
                                    return Future.failedFuture(
                                        new IllegalStateException(
                                            service
                                                + " replica "
                                                + owner
                                                + " did not confirm a batch of "
                                                + part.size()
                                                + " after "
                                                + attempt
                                                + " attempts: "
                                                + failure.getMessage(),
                                            failure));
                                  }
                                  return later(
                                      () ->
                                          owners
                                              .refresh()
                                              .compose(
                                                  v ->
                                                      confirmByOwners(
                                                          owners,
                                                          service,
                                                          address,
                                                          part,
                                                          attempt + 1)));
                                })));
    return Future.all(answers)
        .map(
            all -> {
              List<CloudEvent> outputs = new ArrayList<>();
              answers.forEach(answer -> outputs.addAll(answer.result()));
              return outputs;
            });
  }

  private Future<List<CloudEvent>> requestOne(
      String service, String address, EventBatch batch, int attempt) {
    return vertx
        .eventBus()
        .<EventBatch>request(address, batch, request)
        .map(reply -> reply.body().events())
        .recover(
            failure -> {
              if (gone(failure) && !address.equals(Deliver.TARGETS.get(service))) {
                return Future.failedFuture(failure); // one replica left: the caller drops it
              }
              if (attempt >= attempts) {
                return Future.failedFuture(
                    new IllegalStateException(
                        service
                            + " did not confirm a batch of "
                            + batch.size()
                            + " after "
                            + attempt
                            + " attempts: "
                            + failure.getMessage(),
                        failure));
              }
              if (gone(failure)) {
                return deployed(service)
                    .compose(
                        deployed -> {
                          if (!deployed) {
                            undeliverable(service).increment(batch.size());
                            LOG.warning(
                                "no "
                                    + service
                                    + " runs in the mesh: "
                                    + batch.size()
                                    + " event(s) not delivered to it");
                            return Future.succeededFuture(List.of());
                          }
                          return later(() -> requestOne(service, address, batch, attempt + 1));
                        });
              }
              return later(() -> requestOne(service, address, batch, attempt + 1));
            });
  }

  private <T> Future<T> later(Supplier<Future<T>> retry) {
    Promise<T> promise = Promise.promise();
    vertx.setTimer(RETRY_PAUSE_MS, t -> retry.get().onComplete(promise));
    return promise.future();
  }

  private Future<Boolean> deployed(String service) {
    return MemberDirectory.replicas(vertx, service).map(nodes -> !nodes.isEmpty());
  }

  private Counter undeliverable(String service) {
    return Counter.builder("reflex_router_undeliverable_events")
        .tag("service", service)
        .description("events a rule delivers to a service that no member of the mesh runs")
        .register(meters);
  }

  private static boolean gone(Throwable failure) {
    return failure instanceof ReplyException reply
        && reply.failureType() == ReplyFailure.NO_HANDLERS;
  }
}
