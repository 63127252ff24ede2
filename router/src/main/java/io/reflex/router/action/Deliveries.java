package io.reflex.router.action;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.reflex.common.bus.Addresses;
import io.reflex.common.bus.Codecs;
import io.reflex.common.event.CloudEvent;
import io.reflex.common.event.EventBatch;
import io.reflex.common.ops.MemberDirectory;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Hands matched events to the services their rules deliver to.
 *
 * <p>Fast mode sends and forgets: one replica gets each batch, or every replica for services that keep the whole
 * model ({@link Deliver#EVERY_REPLICA}). Durable mode <em>confirms</em>: each batch is a request that the service
 * answers with the outputs it produced, retried a few times when a replica is slow or gone; an every-replica
 * delivery is requested from each live replica in turn. The router commits the events only after these complete.
 */
public final class Deliveries {

  private static final Logger LOG = Logger.getLogger(Deliveries.class.getName());
  private static final long RETRY_PAUSE_MS = 200;

  private final Vertx vertx;
  private final DeliveryOptions request;
  private final int attempts;
  private final MeterRegistry meters;

  public Deliveries(Vertx vertx, long timeoutMs, int attempts, MeterRegistry meters) {
    this.vertx = vertx;
    this.request = Codecs.timeout(timeoutMs);
    this.attempts = attempts;
    this.meters = meters;
  }

  public void send(String address, EventBatch batch) {
    if (Deliver.EVERY_REPLICA.contains(address)) {
      vertx.eventBus().publish(address, batch);
    } else {
      vertx.eventBus().send(address, batch);
    }
  }

  /** Durable mode: completes with the outputs once the service confirmed the batch; fails after the retries. */
  public Future<List<CloudEvent>> confirm(String service, String address, EventBatch batch) {
    if (!Deliver.EVERY_REPLICA.contains(address)) {
      return requestOne(service, address, batch, 1);
    }
    return replicasOf(service).compose(nodes -> {
      List<Future<List<CloudEvent>>> answers = new ArrayList<>(nodes.size());
      for (String node : nodes) {
        answers.add(requestOne(service, Addresses.ofMember(address, node), batch, 1)
            .recover(failure -> gone(failure) ? Future.succeededFuture(List.of()) : Future.failedFuture(failure)));
      }
      return Future.all(answers).map(all -> {
        List<CloudEvent> outputs = new ArrayList<>();
        answers.forEach(answer -> outputs.addAll(answer.result()));
        return outputs;
      });
    });
  }

  private Future<List<CloudEvent>> requestOne(String service, String address, EventBatch batch, int attempt) {
    return vertx.eventBus().<EventBatch>request(address, batch, request)
        .map(reply -> reply.body().events())
        .recover(failure -> {
          if (gone(failure) && !address.equals(Deliver.TARGETS.get(service))) {
            return Future.failedFuture(failure); // one replica left: the caller drops it
          }
          if (attempt >= attempts) {
            return Future.failedFuture(new IllegalStateException(
                service + " did not confirm a batch of " + batch.size() + " after " + attempt + " attempts: "
                    + failure.getMessage(), failure));
          }
          if (gone(failure)) {
            return deployed(service).compose(deployed -> {
              if (!deployed) {
                undeliverable(service).increment(batch.size());
                LOG.warning("no " + service + " runs in the mesh: " + batch.size() + " event(s) not delivered to it");
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

  /** The nodes of the live members that run {@code service}. */
  private Future<List<String>> replicasOf(String service) {
    return MemberDirectory.members(vertx).map(members -> {
      List<String> nodes = new ArrayList<>();
      for (int i = 0; i < members.size(); i++) {
        JsonObject member = members.getJsonObject(i);
        if (member.getJsonArray("services").contains(service)) {
          nodes.add(member.getString("node"));
        }
      }
      return nodes;
    });
  }

  private Future<Boolean> deployed(String service) {
    return replicasOf(service).map(nodes -> !nodes.isEmpty());
  }

  private Counter undeliverable(String service) {
    return Counter.builder("reflex_router_undeliverable_events").tag("service", service)
        .description("events a rule delivers to a service that no member of the mesh runs").register(meters);
  }

  private static boolean gone(Throwable failure) {
    return failure instanceof ReplyException reply && reply.failureType() == ReplyFailure.NO_HANDLERS;
  }
}
