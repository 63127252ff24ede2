package io.reflex.router.sequence;

import io.vertx.core.json.JsonObject;
import java.io.Serializable;

/**
 * Bounds on sequence state: at most {@code maxPartials} partial matches per rule and key (the
 * oldest is dropped), and events up to {@code latenessMs} older than the newest event of their key
 * still count (taken in arrival order); older ones are dropped as late.
 */
public record SequenceLimits(int maxPartials, long latenessMs) implements Serializable {

  /** The limits of the router's {@code sequence} settings. */
  public static SequenceLimits from(JsonObject sequence) {
    return new SequenceLimits(
        sequence.getInteger("maxPartialsPerKey", 16), sequence.getLong("latenessMs", 5000L));
  }
}
