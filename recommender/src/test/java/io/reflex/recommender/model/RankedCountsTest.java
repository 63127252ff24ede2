package io.reflex.recommender.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The partly kept ranking must read exactly like sorting every count, whatever the mix of changes.
 */
class RankedCountsTest {

  @Test
  void readsLikeAFullSortAfterIncrementsDecrementsAndRemovals() {
    ItemCatalog items = new ItemCatalog(1_000);
    RankedCounts counts = new RankedCounts(items);
    Map<Long, Double> expected = new HashMap<>();
    Random random = new Random(5);
    for (int step = 0; step < 20_000; step++) {
      long ref = items.learn("i" + random.nextInt(400), slot -> {});
      double delta = random.nextInt(4) == 0 ? -random.nextInt(3) : 1 + random.nextInt(3);
      double before = expected.getOrDefault(ref, 0.0);
      if (before == 0 && delta <= 0) {
        continue;
      }
      counts.add(ref, delta);
      double after = before + delta;
      if (after <= 1e-9) {
        expected.remove(ref);
      } else {
        expected.put(ref, after);
      }
      if (step % 997 == 0) {
        long gone = items.find("i" + random.nextInt(400));
        if (gone >= 0 && expected.remove(gone) != null) {
          counts.forget(ItemCatalog.slot(gone));
        }
      }
      if (step % 101 == 0) {
        assertThat(ranking(counts, 300))
            .as("step %d", step)
            .isEqualTo(sorted(expected, items, 300));
      }
    }
  }

  private static List<String> ranking(RankedCounts counts, int depth) {
    List<String> ranked = new ArrayList<>();
    for (int rank = 0, slot; rank < depth && (slot = counts.slotAt(rank)) >= 0; rank++) {
      ranked.add(slot + "=" + counts.count(slot));
    }
    return ranked;
  }

  private static List<String> sorted(Map<Long, Double> expected, ItemCatalog items, int depth) {
    return expected.entrySet().stream()
        .sorted(
            Comparator.<Map.Entry<Long, Double>>comparingDouble(e -> -e.getValue())
                .thenComparing(e -> items.name(e.getKey())))
        .limit(depth)
        .map(e -> ItemCatalog.slot(e.getKey()) + "=" + e.getValue())
        .toList();
  }
}
