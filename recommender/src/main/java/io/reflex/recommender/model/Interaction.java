package io.reflex.recommender.model;

import java.util.Objects;

/**
 * One shopper event. {@code timeMillis} is event time: it, not the wall clock, drives decay,
 * windows and user expiry, so a replay behaves exactly like the live stream.
 *
 * @param session nullable; when absent a session ends after {@link
 *     ModelSettings#sessionGapMinutes()} of inactivity
 */
public record Interaction(
    String user, String item, InteractionType type, long timeMillis, String session) {
  public Interaction {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(item, "item");
    Objects.requireNonNull(type, "type");
  }
}
