package io.reflex.common.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class InMemoryStateStoreTest {

  private final AtomicLong now = new AtomicLong(1_000_000);
  private final InMemoryStateStore store =
      new InMemoryStateStore(new StateSettings(Map.of("series", 60)), now::get);

  @Test
  @DisplayName("an update sees the entry's previous bytes and its result reaches the caller")
  void updatesChainOnTheEntry() {
    assertThat(store.update("series", "cpu", new Counting()).result()).isEqualTo(1);
    assertThat(store.update("series", "cpu", new Counting()).result()).isEqualTo(2);
    assertThat(store.update("series", "disk", new Counting()).result()).isEqualTo(1);
    assertThat(Counting.value(store.get("series", "cpu").result())).isEqualTo(2);
    assertThat(store.get("other", "cpu").result()).isNull();
  }

  @Test
  @DisplayName("an update that returns no bytes removes the entry")
  void nullRemoves() {
    store.update("series", "cpu", new Counting());
    store.update("series", "cpu", current -> new StateChange<>(null, "gone"));
    assertThat(store.get("series", "cpu").result()).isNull();
    assertThat(store.size("series").result()).isZero();
  }

  @Test
  @DisplayName(
      "an entry untouched for longer than its map's idle limit expires; a read keeps it alive")
  void idleEntriesExpire() {
    store.update("series", "cpu", new Counting());
    store.update("series", "disk", new Counting());
    store.update("unlimited", "cpu", new Counting());
    now.addAndGet(40_000);
    store.get("series", "disk");
    now.addAndGet(40_000);
    assertThat(store.get("series", "cpu").result()).isNull();
    assertThat(Counting.value(store.get("series", "disk").result())).isEqualTo(1);
    assertThat(Counting.value(store.get("unlimited", "cpu").result())).isEqualTo(1);
  }

  @Test
  @DisplayName("an update that throws fails its future and leaves the entry as it was")
  void failingUpdateChangesNothing() {
    store.update("series", "cpu", new Counting());
    assertThat(
            store
                .update(
                    "series",
                    "cpu",
                    current -> {
                      throw new IllegalStateException("corrupt");
                    })
                .failed())
        .isTrue();
    assertThat(Counting.value(store.get("series", "cpu").result())).isEqualTo(1);
  }

  @Test
  @DisplayName(
      "wakes: due by event time or wall time, replaced by the next update, gone with the entry")
  void wakes() throws Exception {
    WakeScenario.run(store, "windows");
  }

  @Test
  @DisplayName("an entry that expires idle takes its wake with it")
  void idleEntriesTakeTheirWake() {
    store.update("series", "cpu", new Counting(new Wake(100, 10_000)));
    now.addAndGet(61_000);
    assertThat(store.due("series", 101, 10_000).result()).isEmpty();
  }
}
