package io.reflex.recommender.replica;

import io.reflex.common.bus.Addresses;
import io.reflex.common.event.EventBatch;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Serves this replica's state to a joining one. A request on {@link Addresses#RECOMMENDER_SNAPSHOT}
 * takes a snapshot (the replica holds learning meanwhile, so the snapshot is one consistent cut of
 * its event stream) and answers where to fetch it: chunks of {@link #CHUNK_BYTES} on an address of
 * this replica, pulled one request at a time, so a large model never travels as one message and the
 * receiver sets the pace. Requests are served one after the other, each with a fresh cut: a cut
 * taken before a replica's own request could miss events it never received.
 *
 * <p>The requester registered for live events before asking, but the node that publishes them
 * learns of that registration a moment later: an event published in between would reach only this
 * replica, after the cut, and be lost to the requester. So for {@code overlapMillis} after a
 * request this replica also forwards every batch it receives to the requester's {@code forward}
 * address; the requester learns each identity once.
 */
public final class SnapshotServer {
  static final int CHUNK_BYTES = 1 << 20;
  private static final long KEEP_MILLIS =
      120_000; // a transfer nobody finishes is dropped after this

  private final Vertx vertx;
  private final Supplier<Future<Buffer>> snapshot;
  private final String chunkAddress = Addresses.RECOMMENDER_SNAPSHOT + "." + UUID.randomUUID();
  private final Map<String, Buffer> transfers = new HashMap<>();
  private final List<String> forwards = new ArrayList<>();
  private final long overlapMillis;
  private Future<?> previous = Future.succeededFuture();

  /**
   * @param snapshot takes a consistent snapshot of the replica's state, off the event loop
   */
  public SnapshotServer(Vertx vertx, Supplier<Future<Buffer>> snapshot, long overlapMillis) {
    this.vertx = vertx;
    this.snapshot = snapshot;
    this.overlapMillis = overlapMillis;
  }

  /** Passes a batch this replica received on to the replicas that asked for a snapshot recently. */
  public void forward(EventBatch batch) {
    for (String address : forwards) {
      vertx.eventBus().send(address, batch);
    }
  }

  public Future<Void> start() {
    MessageConsumer<JsonObject> requests =
        vertx.eventBus().consumer(Addresses.RECOMMENDER_SNAPSHOT, this::offer);
    MessageConsumer<JsonObject> chunks = vertx.eventBus().consumer(chunkAddress, this::chunk);
    return Future.all(requests.completion(), chunks.completion()).mapEmpty();
  }

  private void offer(Message<JsonObject> request) {
    String forward = request.body().getString("forward");
    if (forward != null) {
      forwards.add(forward);
      vertx.setTimer(overlapMillis, id -> forwards.remove(forward));
    }
    Future<Buffer> taken = previous.transform(ignored -> snapshot.get());
    previous = taken;
    taken
        .onSuccess(
            state -> {
              String transfer = UUID.randomUUID().toString();
              transfers.put(transfer, state);
              vertx.setTimer(KEEP_MILLIS, id -> transfers.remove(transfer));
              request.reply(
                  new JsonObject()
                      .put("address", chunkAddress)
                      .put("transfer", transfer)
                      .put("bytes", state.length())
                      .put("chunks", (state.length() + CHUNK_BYTES - 1) / CHUNK_BYTES));
            })
        .onFailure(failure -> request.fail(500, "snapshot failed: " + failure.getMessage()));
  }

  private void chunk(Message<JsonObject> request) {
    String transfer = request.body().getString("transfer");
    Buffer state = transfers.get(transfer);
    int index = request.body().getInteger("index", -1);
    int start = index * CHUNK_BYTES;
    if (state == null || index < 0 || start >= Math.max(state.length(), 1)) {
      request.fail(404, "no chunk " + index + " of transfer " + transfer);
      return;
    }
    int end = Math.min(state.length(), start + CHUNK_BYTES);
    if (end == state.length()) {
      transfers.remove(transfer);
    }
    request.reply(state.getBuffer(start, end));
  }
}
