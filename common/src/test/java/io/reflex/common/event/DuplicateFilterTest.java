package io.reflex.common.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DuplicateFilterTest {

  @Test
  void aRepeatWithinTheWindowIsADuplicateAndOneAfterItIsNot() {
    DuplicateFilter filter = new DuplicateFilter(1_000, 10);
    assertThat(filter.isDuplicate("sensor\u0000e1", 0)).isFalse();
    assertThat(filter.isDuplicate("sensor\u0000e1", 999)).isTrue();
    assertThat(filter.isDuplicate("sensor\u0000e2", 999)).isFalse();
    assertThat(filter.isDuplicate("sensor\u0000e1", 1_000)).isFalse();
    assertThat(filter.size()).isEqualTo(2);
  }

  @Test
  void anEventIsTheSameEntryAsItsIdentity() {
    DuplicateFilter filter = new DuplicateFilter(1_000, 10);
    CloudEvent event = CloudEvent.wrap(new JsonObject().put("source", "sensor").put("id", "e1"));
    CloudEvent other =
        CloudEvent.wrap(new JsonObject().put("source", "sensor\u0000e").put("id", "1x"));
    assertThat(filter.isDuplicate(event, 0)).isFalse();
    assertThat(filter.isDuplicate("sensor\u0000e1", 1)).isTrue();
    assertThat(filter.isDuplicate(other, 1)).isFalse();
    filter.forget(event.identity());
    assertThat(filter.isDuplicate(event, 2)).isFalse();
    assertThat(filter.isDuplicate(event, 3)).isTrue();
    CloudEvent noSource = CloudEvent.wrap(new JsonObject().put("id", "e1"));
    assertThat(filter.isDuplicate(noSource.identity(), 4)).isFalse();
    assertThat(filter.isDuplicate(noSource, 5)).isTrue();
  }

  @Test
  void beyondMaxEntriesTheOldestIsForgottenFirst() {
    DuplicateFilter filter = new DuplicateFilter(Long.MAX_VALUE / 2, 3);
    for (String id : new String[] {"a", "b", "c", "d"}) {
      assertThat(filter.isDuplicate(id, 0)).isFalse();
    }
    assertThat(filter.size()).isEqualTo(3);
    assertThat(filter.isDuplicate("b", 0)).isTrue();
    assertThat(filter.isDuplicate("a", 0)).isFalse();
  }

  @Test
  void aForgottenIdentityIsTakenAgain() {
    DuplicateFilter filter = new DuplicateFilter(1_000, 10);
    filter.isDuplicate("x", 0);
    filter.isDuplicate("y", 0);
    filter.forget("x");
    assertThat(filter.size()).isEqualTo(1);
    assertThat(filter.isDuplicate("x", 1)).isFalse();
    assertThat(filter.isDuplicate("y", 1)).isTrue();
  }

  @Test
  void growingPastItsFirstArraysKeepsEveryIdentity() {
    DuplicateFilter filter = new DuplicateFilter(Long.MAX_VALUE / 2, 100_000);
    for (int i = 0; i < 50_000; i++) {
      assertThat(filter.isDuplicate("source\u0000" + i, 0)).isFalse();
    }
    for (int i = 0; i < 50_000; i++) {
      assertThat(filter.isDuplicate("source\u0000" + i, 0)).as("identity %d", i).isTrue();
    }
    assertThat(filter.size()).isEqualTo(50_000);
  }

  @Test
  void answersAsAMapOfIdentitiesInArrivalOrderWouldUnderRandomTraffic() {
    Random random = new Random(42);
    for (int round = 0; round < 20; round++) {
      int maxEntries = 1 + random.nextInt(3_000);
      long window = 1 + random.nextInt(5_000);
      DuplicateFilter filter = new DuplicateFilter(window, maxEntries);
      ReferenceFilter reference = new ReferenceFilter(window, maxEntries);
      long now = 0;
      for (int step = 0; step < 30_000; step++) {
        now += random.nextInt(3);
        String identity = "s\u0000" + random.nextInt(4_000);
        if (random.nextInt(20) == 0) {
          filter.forget(identity);
          reference.forget(identity);
        } else {
          assertThat(filter.isDuplicate(identity, now))
              .as("round %d step %d", round, step)
              .isEqualTo(reference.isDuplicate(identity, now));
        }
        assertThat(filter.size()).isEqualTo(reference.size());
      }
    }
  }

  @Test
  void refusesABoundItCannotIndex() {
    assertThatThrownBy(() -> new DuplicateFilter(1, 0))
        .hasMessageContaining("maxEntries must be between 1 and");
    assertThatThrownBy(() -> new DuplicateFilter(1, DuplicateFilter.MAX_ENTRIES + 1))
        .hasMessageContaining("was " + (DuplicateFilter.MAX_ENTRIES + 1));
  }

  /**
   * The obvious model: identities in a map in arrival order, forgotten ones taking no room. The
   * filter under test counts a forgotten identity against maxEntries until it reaches the front, so
   * the model does too.
   */
  private static final class ReferenceFilter {
    private final long window;
    private final int maxEntries;
    private final LinkedHashMap<Long, Object[]> arrivals = new LinkedHashMap<>();
    private final Map<String, Long> live = new LinkedHashMap<>();
    private long sequence;

    ReferenceFilter(long window, int maxEntries) {
      this.window = window;
      this.maxEntries = maxEntries;
    }

    boolean isDuplicate(String identity, long now) {
      Iterator<Object[]> eldest = arrivals.values().iterator();
      while (eldest.hasNext()) {
        Object[] arrival = eldest.next();
        if (arrival[0] != null && now - (long) arrival[1] < window) {
          break;
        }
        dropFront(eldest, arrival);
      }
      if (live.containsKey(identity)) {
        return true;
      }
      if (arrivals.size() >= maxEntries) {
        Iterator<Object[]> front = arrivals.values().iterator();
        dropFront(front, front.next());
      }
      arrivals.put(sequence, new Object[] {identity, now});
      live.put(identity, sequence++);
      return false;
    }

    void forget(String identity) {
      Long at = live.remove(identity);
      if (at != null) {
        arrivals.get(at)[0] = null;
      }
    }

    int size() {
      return live.size();
    }

    private void dropFront(Iterator<Object[]> front, Object[] arrival) {
      if (arrival[0] != null) {
        live.remove((String) arrival[0]);
      }
      front.remove();
    }
  }
}
