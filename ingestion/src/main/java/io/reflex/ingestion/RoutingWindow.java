package io.reflex.ingestion;

import io.reflex.common.bus.Addresses;
import io.reflex.common.bus.Codecs;
import io.reflex.common.event.EventBatch;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import java.util.ArrayDeque;
import java.util.Queue;

/**
 * Fast mode: bounds the accepted events that the router has not yet handed to the services.
 *
 * <p>The event bus queues without limit, so without this a producer faster than the mesh fills the
 * heap (100-event frames at 20,000 events/s ran a 512 MB mesh out of memory). Each batch is a
 * request that the router answers once the services it delivered to acknowledged it; past {@code
 * maxInFlight} events a batch waits here, in order, and its acknowledgement to the client waits
 * with it, so the gateway's per-connection limit pauses the socket and TCP slows the producer. Past
 * {@code maxWaiting} events a batch is refused ({@code overloaded}) rather than queued.
 */
final class RoutingWindow {

  private final Vertx vertx;
  private final int maxInFlight;
  private final int maxWaiting;
  private final DeliveryOptions request;
  private final Queue<Waiting> waiting = new ArrayDeque<>();
  private int inFlight;
  private int waitingEvents;

  RoutingWindow(Vertx vertx, int maxInFlight, int maxWaiting, long timeoutMs) {
    this.vertx = vertx;
    this.maxInFlight = maxInFlight;
    this.maxWaiting = maxWaiting;
    this.request = Codecs.timeout(timeoutMs);
  }

  /**
   * @return completes once the batch is handed to the router; fails, and the batch is dropped, when
   *     more than {@code maxWaiting} events already wait
   */
  Future<Void> route(EventBatch batch) {
    if (waiting.isEmpty() && (inFlight == 0 || inFlight + batch.size() <= maxInFlight)) {
      send(batch);
      return Future.succeededFuture();
    }
    if (waitingEvents + batch.size() > maxWaiting) {
      return Future.failedFuture(
          "the router is behind: "
              + (inFlight + waitingEvents)
              + " accepted events are not routed yet; send it again later");
    }
    Promise<Void> admitted = Promise.promise();
    waiting.add(new Waiting(batch, admitted));
    waitingEvents += batch.size();
    return admitted.future();
  }

  int inFlight() {
    return inFlight;
  }

  int waiting() {
    return waitingEvents;
  }

  private void send(EventBatch batch) {
    inFlight += batch.size();
    // A failed request (timeout, no router) frees its room too: fast mode does not resend.
    vertx
        .eventBus()
        .request(Addresses.ROUTER_ROUTE, batch, request)
        .onComplete(
            done -> {
              inFlight -= batch.size();
              admitWaiting();
            });
  }

  private void admitWaiting() {
    while (!waiting.isEmpty()
        && (inFlight == 0 || inFlight + waiting.peek().batch().size() <= maxInFlight)) {
      Waiting next = waiting.poll();
      waitingEvents -= next.batch().size();
      send(next.batch());
      next.admitted().complete();
    }
  }

  private record Waiting(EventBatch batch, Promise<Void> admitted) {}
}
