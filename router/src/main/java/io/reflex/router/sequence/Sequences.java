package io.reflex.router.sequence;

import io.reflex.common.event.CloudEvent;
import io.reflex.common.state.KeyedStateStore;
import io.vertx.core.Future;

/**
 * The router's side of sequence state: takes an event for a rule to the keyed-state store, where the engine advances
 * the partial matches of the event's key, and closes windows when the {@link WindowClock} says so.
 */
public final class Sequences {

  public static final String STATE_MAP = "reflex.router.sequences";

  private final KeyedStateStore store;
  private final SequenceLimits limits;

  public Sequences(KeyedStateStore store, SequenceLimits limits) {
    this.store = store;
    this.limits = limits;
  }

  public SequenceLimits limits() {
    return limits;
  }

  /** Advances the rule for the event's key; null when the event has no key for this rule. */
  public Future<Outcome> offer(SequenceRule rule, CloudEvent event, boolean[] matched) {
    String key = KeyPath.key(event.json(), rule.by());
    if (key == null) {
      return null;
    }
    return store.update(STATE_MAP, entry(rule, key),
        new SequenceAdvance(rule.definition(), limits, event.encode(), event.timeMillis(), matched, key));
  }

  /** Closes the rule's windows for the key that ended before {@code watermark}. */
  public Future<Outcome> expire(SequenceRule rule, String key, long watermark) {
    return store.update(STATE_MAP, entry(rule, key), new SequenceExpiry(rule.definition(), limits, watermark, key));
  }

  private static String entry(SequenceRule rule, String key) {
    return rule.id() + '\u0000' + key;
  }
}
