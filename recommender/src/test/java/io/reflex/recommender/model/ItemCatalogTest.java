package io.reflex.recommender.model;

import static io.reflex.recommender.model.Events.view;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ItemCatalogTest {

  @Test
  void givesTheSlotOfTheLeastRecentlyLearnedItemAwayAndItsOldRefGoesStale() {
    ItemCatalog items = new ItemCatalog(2);
    List<Integer> evicted = new ArrayList<>();
    long a = items.learn("a", evicted::add);
    long b = items.learn("b", evicted::add);
    assertThat(items.learn("a", evicted::add)).isEqualTo(a); // a is now the most recent

    long c = items.learn("c", evicted::add);

    assertThat(evicted).containsExactly(ItemCatalog.slot(b));
    assertThat(ItemCatalog.slot(c)).isEqualTo(ItemCatalog.slot(b));
    assertThat(items.isLive(b)).isFalse();
    assertThat(items.isLive(a)).isTrue();
    assertThat(items.isLive(c)).isTrue();
    assertThat(items.find("b")).isNegative();
    assertThat(items.name(c)).isEqualTo("c");
  }

  @Test
  void anEvictedItemIsNeverRecommendedUnderTheNameOfTheItemThatTookItsSlot() {
    ModelSettings twoItems = ModelSettings.defaults().toBuilder().maxItems(2).build();
    Recommender model = Recommenders.createDefault(twoItems);
    model.learn(view("u", "old", 0));
    model.learn(view("u", "kept", 1));
    model.learn(view("v", "kept", 2));
    model.learn(view("w", "new", 3)); // evicts "old": u's history still holds its stale ref

    List<String> ids = model.recommend("u", null, 10, false).stream().map(ScoredItem::id).toList();

    assertThat(ids).doesNotContain("old").containsOnlyOnce("kept");
    assertThat(ids)
        .hasSize(2)
        .containsExactlyInAnyOrder("kept", "new"); // "new" only as a popular top-up
  }
}
