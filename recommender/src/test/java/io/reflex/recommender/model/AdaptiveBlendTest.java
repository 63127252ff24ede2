package io.reflex.recommender.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.reflex.recommender.sim.ShopperSimulator;
import io.reflex.recommender.sim.SimulatorSettings;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The default model learns the shape of its stream: whether users come back to items. */
class AdaptiveBlendTest {
  /**
   * {@code recent}: each user's items within the last {@code maxHistoryPerUser} events, what the
   * model's histories hold; {@code metLately}: each user's items of the second half of the replay.
   */
  private record Replayed(
      Recommender model,
      Map<String, Set<String>> recent,
      Map<String, Set<String>> metLately,
      Interaction last) {}

  private static Replayed replay(String regime, int events) {
    Recommender model = Recommenders.createDefault(ModelSettings.defaults());
    Map<String, ArrayDeque<String>> recent = new HashMap<>();
    Map<String, Set<String>> metLately = new HashMap<>();
    Interaction last = null;
    int seen = 0;
    for (Interaction e :
        new ShopperSimulator(SimulatorSettings.regime(regime, 5)).stream().limit(events).toList()) {
      model.learn(e);
      if (seen++ >= events / 2) {
        metLately.computeIfAbsent(e.user(), u -> new HashSet<>()).add(e.item());
      }
      ArrayDeque<String> items = recent.computeIfAbsent(e.user(), u -> new ArrayDeque<>());
      items.addFirst(e.item());
      if (items.size() > ModelSettings.defaults().maxHistoryPerUser()) {
        items.removeLast();
      }
      last = e;
    }
    Map<String, Set<String>> sets = new HashMap<>();
    recent.forEach((user, items) -> sets.put(user, new HashSet<>(items)));
    return new Replayed(model, sets, metLately, last);
  }

  @Test
  void usersWhoNeverComeBackToAnItemAreNotShownWhatTheyAlreadyMet() {
    Replayed ratings = replay("ratings", 20_000);
    String user = ratings.last().user();

    List<ScoredItem> list = ratings.model().recommend(user, null, 20, false);

    assertThat(list).hasSize(20);
    assertThat(list)
        .extracting(ScoredItem::id)
        .doesNotContainAnyElementsOf(ratings.recent().get(user));
  }

  @Test
  void usersWhoNeverComeBackToAnItemAreNotShownItemsTheyMetLongAgo() {
    Replayed ratings = replay("ratings", 20_000);
    // the user who met the most items lately: far more than a history keeps
    String user =
        ratings.metLately().entrySet().stream()
            .max(Map.Entry.comparingByValue(Comparator.comparingInt(Set::size)))
            .orElseThrow()
            .getKey();
    assertThat(ratings.metLately().get(user))
        .hasSizeGreaterThan(2 * ModelSettings.defaults().maxHistoryPerUser());

    List<ScoredItem> list = ratings.model().recommend(user, null, 20, false);

    assertThat(list).hasSize(20);
    assertThat(list)
        .extracting(ScoredItem::id)
        .doesNotContainAnyElementsOf(ratings.metLately().get(user));
  }

  @Test
  void shoppersWhoReViewItemsAreShownTheirRecentItems() {
    Replayed shop = replay("shop", 20_000);
    Interaction last = shop.last();

    List<ScoredItem> list = shop.model().recommend(last.user(), last.session(), 20, false);

    assertThat(list).extracting(ScoredItem::id).contains(last.item());
  }
}
