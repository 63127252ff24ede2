package io.reflex.router.sequence;

import io.reflex.common.state.KeyedStateStore;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The router's side of sequence state, which lives in the keyed-state store, one entry per rule and
 * key: takes a batch's steps there (one update per rule and key), where the engine advances the
 * partial matches, and closes the windows whose wake has come. The wakes live with the entries, so
 * any replica closes the windows any other replica opened, including one that died.
 */
public final class Sequences {

  public static final String STATE_MAP = "reflex.router.sequences";

  private final KeyedStateStore store;
  private final SequenceLimits limits;

  public Sequences(KeyedStateStore store, SequenceLimits limits) {
    this.store = store;
    this.limits = limits;
  }

  /** What one store update for a rule did; the store may answer after the batch is done. */
  public record Update(SequenceRule rule, Future<Outcome> outcome) {}

  /** Sends one update per rule and key of the batch. */
  public List<Update> advance(SequenceBatch batch, RouterTime now) {
    List<Update> updates = new ArrayList<>();
    batch.forEach(
        (rule, events) ->
            updates.add(
                new Update(
                    rule,
                    store.update(
                        STATE_MAP,
                        entry(rule.id(), events.key()),
                        new SequenceAdvance(rule.definition(), limits, events, now)))));
    return updates;
  }

  /**
   * Expires every entry whose wake has come. Another replica may expire the same entry at the same
   * moment; the engine fires a partial match only in the update that removes it, and Hazelcast runs
   * the updates of one key one at a time, so the window fires once. An entry of a rule the current
   * rules no longer have is removed.
   *
   * @param rules the sequence rule of an id, or null
   */
  public Future<List<Update>> closeDue(Function<String, SequenceRule> rules, RouterTime now) {
    long passed =
        now.eventTime() == Long.MIN_VALUE ? Long.MIN_VALUE : now.eventTime() - limits.latenessMs();
    return store
        .due(STATE_MAP, passed, now.wallTime())
        .map(
            due -> {
              List<Update> updates = new ArrayList<>(due.size());
              for (Map.Entry<String, Long> entry : due.entrySet()) {
                int split = entry.getKey().indexOf(SEPARATOR);
                SequenceRule rule = rules.apply(entry.getKey().substring(0, split));
                if (rule == null) {
                  store.update(STATE_MAP, entry.getKey(), new ForgottenRule());
                  continue;
                }
                // Past the wake's own deadline even when the wall clock woke it: on a quiet stream
                // event time stands still.
                long watermark = Math.max(entry.getValue() + 1, passed);
                updates.add(
                    new Update(
                        rule,
                        store.update(
                            STATE_MAP,
                            entry.getKey(),
                            new SequenceExpiry(
                                rule.definition(),
                                limits,
                                entry.getKey().substring(split + 1),
                                watermark,
                                now))));
              }
              return updates;
            });
  }

  /**
   * The stored state of a rule and key (null when nothing is held), for explanations: never on the
   * hot path.
   */
  public Future<byte[]> held(String ruleId, String key) {
    return store.get(STATE_MAP, entry(ruleId, key));
  }

  public SequenceLimits limits() {
    return limits;
  }

  /** Rule and key entries open in the store (in a cluster: on all members). */
  public Future<Integer> open() {
    return store.size(STATE_MAP);
  }

  private static final char SEPARATOR = '\u0000';

  /** The store key of a rule and key; rule ids never hold the separator. */
  static String entry(String ruleId, String key) {
    return ruleId + SEPARATOR + key;
  }
}
