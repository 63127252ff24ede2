package io.reflex.recommender.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ItemRelationsTest {

  @Test
  void staysBoundedAndKeepsTheHeaviestRelations() {
    ItemRelations relations = new ItemRelations(10, true);
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
    ItemRelations relations = new ItemRelations(10, true);
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
    ItemRelations relations = new ItemRelations(50, true);
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
  void itsHeadIsTheWholeListUpToHeadSizeThenTheStrongestUntilTheNextRanking() {
    ItemRelations relations = new ItemRelations(50, true);
    for (long item = 0; item < ItemRelations.HEAD; item++) {
      relations.addRelated(item, 1);
    }
    assertThat(headItems(relations)).hasSize(ItemRelations.HEAD); // all of them

    relations.addRelated(100, 5); // one more: ranked, the weakest (the latest of the ties) is out
    assertThat(headItems(relations)).contains(100L).doesNotContain(19L).hasSize(ItemRelations.HEAD);

    relations.addRelated(101, 9); // waits for the next ranking
    assertThat(headItems(relations)).doesNotContain(101L);
    for (int addition = 2; addition <= ItemRelations.HEAD_REFRESH; addition++) {
      relations.addRelated(0, 1);
    }
    assertThat(headItems(relations)).contains(101L, 100L, 0L);
  }

  /** The head is state: a copy reads the same one, and ranks it again at the same addition. */
  @Test
  void aCopyKeepsTheHeadAndWhenItIsRankedNext() throws IOException {
    ItemRelations original = new ItemRelations(50, true);
    for (long item = 0; item <= ItemRelations.HEAD; item++) {
      original.addRelated(item, 1); // ranked at the last
    }
    for (int i = 0; i < 10; i++) {
      original.addRelated(0, 1); // 10 additions of the next 64
    }
    ItemRelations copy = copyOf(original);
    assertThat(headItems(copy)).isEqualTo(headItems(original));

    for (ItemRelations relations : List.of(original, copy)) {
      relations.addRelated(1_000, 50); // strong, but waits in both
      for (int i = 0; i < ItemRelations.HEAD_REFRESH - 12; i++) {
        relations.addRelated(1, 1);
      }
      assertThat(headItems(relations)).doesNotContain(1_000L);
      relations.addRelated(1, 1); // the 64th
      assertThat(headItems(relations)).contains(1_000L);
    }
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

  private static List<Long> headItems(ItemRelations relations) {
    List<Long> items = new ArrayList<>();
    for (int k = 0; k < relations.headSize(); k++) {
      items.add(relations.related(relations.headPosition(k)));
    }
    return items;
  }

  private static ItemRelations copyOf(ItemRelations relations) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      relations.writeTo(out);
    }
    return ItemRelations.readFrom(
        new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), 50, true);
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
