package io.reflex.router.sequence;

import static io.reflex.router.sequence.SequenceRouting.closeDue;
import static io.reflex.router.sequence.SequenceRouting.event;
import static io.reflex.router.sequence.SequenceRouting.fired;
import static io.reflex.router.sequence.SequenceRouting.route;
import static org.assertj.core.api.Assertions.assertThat;

import io.reflex.common.state.InMemoryStateStore;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Sequence state in the in-memory keyed-state store, as standalone runs it. */
class SequencesTest {

  private final InMemoryStateStore store = new InMemoryStateStore();
  private final Sequences sequences = new Sequences(store, SequenceRouting.LIMITS);

  @Test
  @DisplayName("a batch costs one store update per rule and key, whatever the number of its events")
  void oneUpdatePerRuleAndKey() throws Exception {
    RouterTime now = new RouterTime(10_000, 0);
    assertThat(
            route(
                sequences,
                now,
                event("auth.failed", "alice", 0),
                event("auth.failed", "bob", 1),
                event("auth.failed", "alice", 2),
                event("shop.cart", "alice", 3),
                event("auth.failed", "alice", 4),
                event("auth.failed", "bob", 5)))
        .extracting(update -> update.rule().id())
        .containsExactly("brute-force", "brute-force", "abandoned-cart");
    assertThat(
            fired(
                route(
                    sequences,
                    now,
                    event("auth.succeeded", "bob", 6),
                    event("auth.succeeded", "alice", 7))))
        .containsExactly("brute-force/alice");
  }

  @Test
  @DisplayName(
      "a quiet key's window closes once event time seen on any key passes its end plus the allowance")
  void eventTimeClosesQuietWindows() throws Exception {
    route(sequences, new RouterTime(0, 0), event("shop.cart", "ann", 0));
    assertThat(closeDue(sequences, new RouterTime(1_805_000, 0)))
        .as("1800 s + 5 s allowance, not past")
        .isEmpty();
    assertThat(closeDue(sequences, new RouterTime(1_805_001, 0)))
        .containsExactly("abandoned-cart/ann");
    assertThat(closeDue(sequences, new RouterTime(9_000_000, 0))).as("once").isEmpty();
    assertThat(store.size(Sequences.STATE_MAP).result()).as("state goes with the window").isZero();
  }

  @Test
  @DisplayName(
      "on a quiet stream the wall clock closes the window after as long as event time still had to go")
  void wallClockClosesWindowsOfAQuietStream() throws Exception {
    route(sequences, new RouterTime(600_000, 1_000), event("shop.cart", "ann", 0));
    // The window ends at 1800 s of event time, 1200 s ahead of the router's 600 s: 1000 ms + 1200 s
    // + 5 s allowance.
    assertThat(closeDue(sequences, new RouterTime(Long.MIN_VALUE, 1_205_999))).isEmpty();
    assertThat(closeDue(sequences, new RouterTime(Long.MIN_VALUE, 1_206_000)))
        .containsExactly("abandoned-cart/ann");
  }

  @Test
  @DisplayName("a purchase in the window leaves nothing to fire when it closes")
  void absenceBroken() throws Exception {
    route(
        sequences,
        new RouterTime(0, 0),
        event("shop.cart", "ann", 0),
        event("shop.purchase", "ann", 60));
    assertThat(closeDue(sequences, new RouterTime(4_000_000, 0))).isEmpty();
  }

  @Test
  @DisplayName("the state of a rule that a reload removed goes at its wake instead of staying due")
  void removedRule() throws Exception {
    route(sequences, new RouterTime(0, 0), event("shop.cart", "ann", 0));
    assertThat(fired(sequences.closeDue(id -> null, new RouterTime(4_000_000, 0)).result()))
        .isEmpty();
    assertThat(store.size(Sequences.STATE_MAP).result()).isZero();
  }
}
