package io.reflex.gateway;

import io.reflex.common.bus.Addresses;
import io.reflex.common.event.CloudEvent;
import io.reflex.common.event.EventBatch;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import java.util.ArrayList;
import java.util.List;

/**
 * Events published in one turn of the gateway's event loop, by any number of clients, travel to
 * ingestion as one batch, and each publish gets its own slice of the results back. Under load many
 * single-event frames arrive in the same turn; one request per frame made every hop downstream
 * (ingestion, the router, the services) pay its per-message cost per event. A batch is sent at the
 * end of the turn it started in, so no publish waits for more to come, and never grows past {@code
 * maxEvents} (the most one client may publish at once, which ingestion is sized for).
 *
 * <p>Between processes a message costs far more: a few system calls at every hop, and its reply.
 * There, while an earlier batch is still unanswered, a batch waits {@code lingerMs} after its first
 * event for more to come, like a Kafka producer's linger: at 10,000 single-event frames a second a
 * turn holds one or two events, a millisecond about ten. A publish that finds nothing on its way (a
 * quiet gateway) goes at the end of its turn, as in one process.
 */
final class IngestionBatches {

  private final Vertx vertx;
  private final DeliveryOptions delivery;
  private final int maxEvents;
  private final long lingerMs;

  /** Counts batches, so that a linger timer sends only the batch it was set for. */
  private long batchesStarted;

  /** Batches sent and not yet answered. */
  private int unanswered;

  private List<Publish> waiting = new ArrayList<>();
  private List<CloudEvent> events = new ArrayList<>();

  /**
   * @param lingerMs how long a batch waits for more events after its first; 0: until the end of the
   *     turn only
   */
  IngestionBatches(Vertx vertx, DeliveryOptions delivery, int maxEvents, long lingerMs) {
    this.vertx = vertx;
    this.delivery = delivery;
    this.maxEvents = maxEvents;
    this.lingerMs = lingerMs;
  }

  /** The results of these events, in order, or a failure when ingestion did not answer. */
  Future<JsonArray> submit(List<CloudEvent> published) {
    if (events.size() + published.size() > maxEvents) {
      send();
    }
    if (waiting.isEmpty()) {
      long batch = ++batchesStarted;
      if (lingerMs > 0 && unanswered > 0) {
        vertx.setTimer(lingerMs, timer -> sendIfWaiting(batch));
      } else {
        vertx.getOrCreateContext().runOnContext(turn -> sendIfWaiting(batch));
      }
    }
    Promise<JsonArray> results = Promise.promise();
    waiting.add(new Publish(published.size(), results));
    events.addAll(published);
    return results.future();
  }

  /** Sends the batch numbered {@code batch} unless it went already, having filled up. */
  private void sendIfWaiting(long batch) {
    if (batch == batchesStarted) {
      send();
    }
  }

  private void send() {
    if (waiting.isEmpty()) {
      return;
    }
    List<Publish> publishes = waiting;
    waiting = new ArrayList<>();
    EventBatch batch = new EventBatch(events);
    events = new ArrayList<>();
    unanswered++;
    vertx
        .eventBus()
        .<JsonArray>request(Addresses.INGESTION_ACCEPT, batch, delivery)
        .onComplete(
            reply -> {
              unanswered--;
              if (reply.failed()) {
                publishes.forEach(publish -> publish.results.fail(reply.cause()));
                return;
              }
              // Each publish reads its slice in place: Publisher.merge copies what it keeps.
              List<Object> all = reply.result().body().getList();
              int from = 0;
              for (Publish publish : publishes) {
                publish.results.complete(new JsonArray(all.subList(from, from + publish.size)));
                from += publish.size;
              }
            });
  }

  private record Publish(int size, Promise<JsonArray> results) {}
}
