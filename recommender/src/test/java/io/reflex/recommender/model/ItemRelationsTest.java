package io.reflex.recommender.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ItemRelationsTest {

  @Test
  void staysBoundedAndKeepsTheHeaviestRelations() {
    ItemRelations relations = new ItemRelations(10);
    for (int round = 0; round < 5; round++) {
      for (long strong = 0; strong < 10; strong++) {
        relations.addRelated(strong, 1); // 5 each
      }
    }
    for (long weak = 100; weak < 1_100; weak++) {
      relations.addRelated(weak, 1); // 1 each
    }

    assertThat(relations.size()).isLessThanOrEqualTo(20);
    Set<Long> kept = new HashSet<>();
    for (int i = 0; i < relations.size(); i++) {
      kept.add(relations.related(i));
    }
    for (long strong = 0; strong < 10; strong++) {
      assertThat(kept).contains(strong);
    }
    assertThat(relations.outgoing(false)).isEqualTo(1_050);
    assertThat(relations.outgoing(true)).isEqualTo(1_050);
  }

  @Test
  void decaysByHalfPerHalfLifeWhileTheLastingMemoryKeepsEverything() {
    ItemRelations relations = new ItemRelations(10);
    relations.decayTo(0, 1_000);
    relations.addRelated(1, 8);
    relations.addOccurrence(4);

    relations.decayTo(2_000, 1_000);

    assertThat(relations.weight(0, false)).isEqualTo(2.0, offset(1e-6));
    assertThat(relations.occurrences(false)).isEqualTo(1.0, offset(1e-9));
    assertThat(relations.weight(0, true)).isEqualTo(8.0);
    assertThat(relations.occurrences(true)).isEqualTo(4.0);
  }

  @Test
  void findsItsItemsThroughGrowthAndPruning() {
    ItemRelations relations = new ItemRelations(50);
    for (long item = 0; item < 100; item++) {
      relations.addRelated(item, item + 1); // 100 entries: the list is full and indexed
    }
    relations.addRelated(99, 1);
    assertThat(relations.size()).isEqualTo(100);
    assertThat(weightOf(relations, 99)).isEqualTo(101);

    relations.addRelated(1_000, 1); // full: prunes to the 50 heaviest, 50 to 99, then adds
    relations.addRelated(99, 1);
    relations.addRelated(1_000, 1);

    assertThat(relations.size()).isEqualTo(51);
    assertThat(weightOf(relations, 99)).isEqualTo(102);
    assertThat(weightOf(relations, 1_000)).isEqualTo(2);
    assertThat(weightOf(relations, 49)).isZero(); // pruned
  }

  @Test
  void selectsTheValueSortingWouldPutAtEachRank() {
    Random random = new Random(17);
    for (int round = 0; round < 200; round++) {
      double[] values = new double[1 + random.nextInt(120)];
      for (int i = 0; i < values.length; i++) {
        values[i] = random.nextInt(8); // many ties, as small counts give
      }
      double[] sorted = values.clone();
      Arrays.sort(sorted);
      int k = random.nextInt(values.length);
      assertThat(ItemRelations.select(values.clone(), k)).isEqualTo(sorted[k]);
    }
  }

  private static double weightOf(ItemRelations relations, long item) {
    for (int i = 0; i < relations.size(); i++) {
      if (relations.related(i) == item) {
        return relations.weight(i, true);
      }
    }
    return 0;
  }
}
