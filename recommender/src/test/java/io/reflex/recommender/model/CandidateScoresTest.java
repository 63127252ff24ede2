package io.reflex.recommender.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import org.junit.jupiter.api.Test;

class CandidateScoresTest {
  private final ItemCatalog items = new ItemCatalog(100);
  private final long a = items.learn("a", slot -> {});
  private final long b = items.learn("b", slot -> {});
  private final long c = items.learn("c", slot -> {});
  private final CandidateScores scores = new CandidateScores(items, 1);

  @Test
  void aHeadAddsOnlyToItemsTheWholeListsOfItsReadingNamed() {
    scores.lane(0, 1);
    scores.add(a, 1); // made by another part: not named by this reading
    scores.startNaming();
    scores.addAt(scores.touchNaming(b), 0, 1);

    assertThat(scores.touchIfNamed(a)).isEqualTo(-1);
    assertThat(scores.touchIfNamed(c)).isEqualTo(-1); // makes no candidate
    scores.addAt(scores.touchIfNamed(b), 0, 2);

    assertThat(scores.top(3, item -> true))
        .extracting(ScoredItem::id, ScoredItem::score)
        .containsExactly(tuple("b", 1.0), tuple("a", 1.0 / 3));
  }

  @Test
  void namesHoldForOneReadingOfOneRound() {
    scores.lane(0, 1);
    scores.startNaming();
    int at = scores.touchNaming(a);
    assertThat(scores.touchIfNamed(a)).isEqualTo(at);

    scores.startNaming();
    assertThat(scores.touchIfNamed(a)).isEqualTo(-1);

    scores.clear();
    scores.lane(0, 1);
    scores.startNaming();
    assertThat(scores.touchIfNamed(a)).isEqualTo(-1);
  }
}
