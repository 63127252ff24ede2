package io.reflex.router.action;

import io.reflex.common.bus.Addresses;
import java.util.Map;
import java.util.Set;

/** Hands the matching event to a processing service. */
public record Deliver(String service, String address) implements Action {

  /** The services a rule may deliver to, with the address each listens on. */
  public static final Map<String, String> TARGETS =
      Map.of(
          "anomaly", Addresses.ANOMALY_SCORE,
          "recommender", Addresses.RECOMMENDER_LEARN);

  /**
   * Addresses published to every replica rather than sent to one: each recommender replica keeps
   * the whole model, whose item statistics need every shopper's events (docs/architecture.md).
   */
  public static final Set<String> EVERY_REPLICA = Set.of(Addresses.RECOMMENDER_LEARN);

  /**
   * Services whose state is keyed (the anomaly service's series), with the address each listens on:
   * an event goes to the replica that owns its key, which keeps that key's state as live objects
   * (docs/architecture.md).
   */
  public static final Map<String, String> KEYED = Map.of("anomaly", Addresses.ANOMALY_SCORE);
}
