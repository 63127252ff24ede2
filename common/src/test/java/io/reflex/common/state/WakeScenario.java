package io.reflex.common.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/** What every store must do with wakes, run against each implementation by its own test. */
final class WakeScenario {

  private WakeScenario() {}

  static void run(KeyedStateStore store, String map) throws Exception {
    store.update(map, "cart-ann", new Counting(new Wake(100, 10_000))).await(10, TimeUnit.SECONDS);
    store.update(map, "cart-bob", new Counting(new Wake(200, 20_000))).await(10, TimeUnit.SECONDS);
    store.update(map, "series", new Counting()).await(10, TimeUnit.SECONDS);

    assertThat(due(store, map, 100, 0)).as("event time must pass the wake").isEmpty();
    assertThat(due(store, map, 101, 0)).isEqualTo(Map.of("cart-ann", 100L));
    assertThat(due(store, map, Long.MIN_VALUE, 9_999)).isEmpty();
    assertThat(due(store, map, Long.MIN_VALUE, 20_000))
        .as("by wall time alone")
        .isEqualTo(Map.of("cart-ann", 100L, "cart-bob", 200L));
    assertThat(due(store, map, 101, 20_000))
        .as("due is a query: it changes nothing")
        .isEqualTo(Map.of("cart-ann", 100L, "cart-bob", 200L));

    store.update(map, "cart-ann", new Counting(new Wake(300, 50_000))).await(10, TimeUnit.SECONDS);
    assertThat(due(store, map, 101, 0)).as("an update replaces the wake").isEmpty();
    store.update(map, "cart-bob", new Counting(new Wake(200, 90_000))).await(10, TimeUnit.SECONDS);
    assertThat(due(store, map, Long.MIN_VALUE, 20_000))
        .as("the same event time keeps the first wall time")
        .isEqualTo(Map.of("cart-bob", 200L));

    store
        .update(map, "cart-bob", current -> new StateChange<>(null, "closed"))
        .await(10, TimeUnit.SECONDS);
    store.update(map, "cart-ann", new Counting()).await(10, TimeUnit.SECONDS);
    assertThat(due(store, map, 1_000_000, 1_000_000))
        .as("removed entries and entries without a wake")
        .isEmpty();
    assertThat(Counting.value(store.get(map, "cart-ann").await(10, TimeUnit.SECONDS))).isEqualTo(3);
    assertThat(store.size(map).await(10, TimeUnit.SECONDS)).isEqualTo(2);
  }

  private static Map<String, Long> due(
      KeyedStateStore store, String map, long eventTime, long wallNow) throws Exception {
    return store.due(map, eventTime, wallNow).await(10, TimeUnit.SECONDS);
  }
}
