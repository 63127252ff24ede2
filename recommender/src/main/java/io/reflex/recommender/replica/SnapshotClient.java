package io.reflex.recommender.replica;

import io.reflex.common.bus.Addresses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;

/**
 * Fetches a running replica's state for a replica that joins: asks {@link
 * Addresses#RECOMMENDER_SNAPSHOT} (naming the address where the peer forwards live batches for a
 * while, see {@link SnapshotServer}), then pulls the chunks one by one. No replica answering (the
 * first one, or standalone) is not an error: there is nothing to catch up with.
 */
public final class SnapshotClient {
  /** What was fetched; {@code state} is null when no replica was running. */
  public record Fetched(Buffer state, long millis) {}

  private final Vertx vertx;
  private final DeliveryOptions options;

  public SnapshotClient(Vertx vertx, long timeoutMillis) {
    this.vertx = vertx;
    this.options = new DeliveryOptions().setSendTimeout(timeoutMillis);
  }

  /**
   * @param forward where the peer forwards the live batches it receives during the overlap
   */
  public Future<Fetched> fetch(String forward) {
    long start = System.nanoTime();
    JsonObject request = new JsonObject().put("forward", forward);
    return vertx
        .eventBus()
        .<JsonObject>request(Addresses.RECOMMENDER_SNAPSHOT, request, options)
        .compose(offer -> pull(offer.body(), Buffer.buffer(offer.body().getInteger("bytes")), 0))
        .map(state -> new Fetched(state, (System.nanoTime() - start) / 1_000_000))
        .recover(
            failure ->
                noReplica(failure)
                    ? Future.succeededFuture(new Fetched(null, 0))
                    : Future.failedFuture(failure));
  }

  private Future<Buffer> pull(JsonObject offer, Buffer into, int index) {
    if (index == offer.getInteger("chunks")) {
      return Future.succeededFuture(into);
    }
    JsonObject request =
        new JsonObject().put("transfer", offer.getString("transfer")).put("index", index);
    return vertx
        .eventBus()
        .<Buffer>request(offer.getString("address"), request, options)
        .compose(chunk -> pull(offer, into.appendBuffer(chunk.body()), index + 1));
  }

  private static boolean noReplica(Throwable failure) {
    return failure instanceof ReplyException reply
        && reply.failureType() == ReplyFailure.NO_HANDLERS;
  }
}
