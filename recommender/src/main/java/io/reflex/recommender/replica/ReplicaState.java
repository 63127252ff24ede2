package io.reflex.recommender.replica;

import io.reflex.recommender.model.ModelSettings;
import io.reflex.recommender.model.Recommender;
import io.reflex.recommender.model.Snapshots;
import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * What a recommender replica holds and a joining replica copies: the model, the identities of the
 * events it learned recently, and how many events the model has learned in all. Written and read on
 * a worker thread: a large model takes hundreds of milliseconds either way, too long for an event
 * loop.
 */
public record ReplicaState(Recommender model, RecentEvents recent, long learnedEvents) {

  public Buffer toBuffer(ModelSettings settings) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 20);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeLong(learnedEvents);
      recent.writeTo(out);
      Snapshots.write(model, settings, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Buffer.buffer(bytes.toByteArray());
  }

  /** The state {@link #toBuffer} wrote, with this replica's settings and recent-events bound. */
  public static ReplicaState fromBuffer(Buffer buffer, ModelSettings settings, int recentEvents) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(buffer.getBytes()))) {
      long learned = in.readLong();
      RecentEvents recent = new RecentEvents(recentEvents);
      recent.readFrom(in);
      return new ReplicaState(Snapshots.read(settings, in), recent, learned);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
