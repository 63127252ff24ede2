package io.reflex.recommender.model;

import static io.reflex.recommender.model.Events.buy;
import static io.reflex.recommender.model.Events.view;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Contract every model honours, plus the default's specific behaviour. */
class RecommendersTest {
  static List<String> models() {
    return Recommenders.NAMES;
  }

  /** "hot" is viewed by five users, "warm" by three, "cool" once; u1 also browses a -> b. */
  private static Recommender trained(String name, ModelSettings settings) {
    Recommender model = Recommenders.create(name, settings);
    long minute = 0;
    for (int u = 0; u < 5; u++) {
      model.learn(view("u" + u, "hot", minute++));
    }
    for (int u = 0; u < 3; u++) {
      model.learn(view("w" + u, "warm", minute++));
    }
    model.learn(view("c0", "cool", minute++));
    model.learn(view("u1", "a", minute++));
    model.learn(view("u1", "b", minute++));
    return model;
  }

  private static List<String> ids(List<ScoredItem> items) {
    return items.stream().map(ScoredItem::id).toList();
  }

  @ParameterizedTest
  @MethodSource("models")
  void coldUserGetsThePopularList(String name) {
    List<ScoredItem> list =
        trained(name, ModelSettings.defaults()).recommend("stranger", null, 3, false);

    assertThat(ids(list)).hasSize(3).startsWith("hot");
    assertThat(ids(list)).contains("warm");
    assertThat(list).isSortedAccordingTo((x, y) -> Double.compare(y.score(), x.score()));
  }

  @ParameterizedTest
  @MethodSource("models")
  void anEmptyModelAnswersEmptyWithoutFailing(String name) {
    Recommender model = Recommenders.create(name, ModelSettings.defaults());

    assertThat(model.recommend("anyone", "s", 10, true)).isEmpty();
    assertThat(model.similar("anything", 10)).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("models")
  void aListOfNothingIsEmpty(String name) {
    Recommender model = trained(name, ModelSettings.defaults());

    assertThat(model.recommend("u1", null, 0, false)).isEmpty();
    assertThat(model.similar("a", 0)).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("models")
  void unknownItemHasNoSimilarItems(String name) {
    assertThat(trained(name, ModelSettings.defaults()).similar("never-seen", 5)).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("models")
  void excludePurchasedRemovesBoughtItems(String name) {
    Recommender model = trained(name, ModelSettings.defaults());
    model.learn(buy("buyer", "hot", 100));

    assertThat(ids(model.recommend("buyer", null, 5, true))).doesNotContain("hot").isNotEmpty();
    assertThat(ids(model.recommend("buyer", null, 5, false))).contains("hot");
  }

  @ParameterizedTest
  @MethodSource("models")
  void excludedItemsAreNeverRecommended(String name) {
    Recommender model =
        trained(name, ModelSettings.defaults().toBuilder().excludedItems(Set.of("hot")).build());

    assertThat(ids(model.recommend("stranger", null, 10, false)))
        .doesNotContain("hot")
        .contains("warm");
    assertThat(ids(model.recommend("u1", null, 10, false))).doesNotContain("hot");
  }

  @Test
  void defaultRecommendsWhatFollowedTheLastItem() {
    Recommender model = Recommenders.createDefault(ModelSettings.defaults());
    long minute = 0;
    for (int u = 0; u < 20; u++) {
      model.learn(view("bg" + u, "bestseller", minute++));
    }
    for (int u = 0; u < 3; u++) {
      model.learn(view("s" + u, "phone", minute++));
      model.learn(view("s" + u, "case", minute++));
    }
    model.learn(view("newcomer", "phone", minute));

    List<String> list = ids(model.recommend("newcomer", null, 3, false));
    assertThat(list).contains("case");
    assertThat(list.indexOf("case"))
        .isLessThan(list.indexOf("bestseller") < 0 ? 3 : list.indexOf("bestseller"));
    assertThat(ids(model.similar("phone", 3))).containsExactly("case");
  }

  @Test
  void popularityDecaysWithEventTime() {
    ModelSettings oneHour = ModelSettings.defaults().toBuilder().trendHalfLifeHours(1).build();
    Recommender model = Recommenders.createDefault(oneHour);
    for (int u = 0; u < 8; u++) {
      model.learn(view("early" + u, "yesterday", u));
    }
    for (int u = 0; u < 2; u++) {
      model.learn(view("late" + u, "today", 24 * 60 + u)); // a day = 24 half-lives later
    }

    assertThat(ids(model.recommend("stranger", null, 2, false)))
        .containsExactly("today", "yesterday");
  }

  @Test
  void rejectsUnknownModelsAndBadParameters() {
    assertThatThrownBy(() -> Recommenders.create("magic", ModelSettings.defaults()))
        .hasMessageContaining("unknown model");
    assertThatThrownBy(() -> Recommenders.create("sr:0", ModelSettings.defaults()))
        .hasMessageContaining("> 0");
  }

  @Test
  void coOccurrenceIsLearntAgainstTheWindowAndOnceWhileTheItemIsRemembered() {
    ModelSettings two = ModelSettings.defaults().toBuilder().coOccurrenceWindow(2).build();
    ItemCatalog items = new ItemCatalog(two.maxItems());
    Recommender model =
        new ScoredRecommender(
            two,
            items,
            new CoOccurrenceScorer(two, items, 1, CoOccurrenceScorer.Similarity.CONDITIONAL),
            List.of(new DecayedPopularity(items, Double.POSITIVE_INFINITY)));
    long minute = 0;
    for (String item : List.of("a", "b", "c", "d")) {
      model.learn(view("u", item, minute++));
    }
    // back to "a", still among u's remembered events: no pair again (a window of 2 would add a-d)
    model.learn(view("u", "a", minute));

    assertThat(ids(model.similar("d", 10))).containsExactlyInAnyOrder("c", "b");
    assertThat(ids(model.similar("a", 10))).containsExactlyInAnyOrder("b", "c");
  }

  @Test
  void theBaselinesKeepTheNotesCoOccurrenceWindow() {
    ModelSettings two = ModelSettings.defaults().toBuilder().coOccurrenceWindow(2).build();
    Recommender iknn = Recommenders.create("iknn-last", two);
    long minute = 0;
    for (String item : List.of("a", "b", "c", "d")) {
      iknn.learn(view("u", item, minute++));
    }

    assertThat(ids(iknn.similar("d", 10))).containsExactlyInAnyOrder("a", "b", "c");
  }

  @Test
  void settingsRejectAnEmptyCoOccurrenceWindow() {
    assertThatThrownBy(() -> ModelSettings.defaults().toBuilder().coOccurrenceWindow(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("coOccurrenceWindow");
    assertThat(ModelSettings.defaults().coOccurrenceWindow()).isEqualTo(10);
  }

  @Test
  void sequentialRulesCountEveryPairWithinTheStepsIncludingReClicks() {
    Recommender sr = Recommenders.create("sr:5", ModelSettings.defaults());
    // session a a b a: a->a gains 1 + 1/2 + 1/3, a->b 1 + 1/2, b->a 1
    for (String item : List.of("a", "a", "b", "a")) {
      sr.learn(view("s1", item, 0));
    }
    sr.learn(view("s2", "a", 1));

    List<ScoredItem> afterA = sr.recommend("s2", null, 2, false);

    assertThat(ids(afterA)).containsExactly("a", "b");
    assertThat(afterA.get(1).score() - 1)
        .isCloseTo(1.5 / (1 + 1 / 2.0 + 1 / 3.0), org.assertj.core.data.Offset.offset(1e-6));
  }

  @Test
  void stanPrefersTheRecentNeighbourSessionAndItemsNearTheSharedOne() {
    Recommender stan = Recommenders.create("stan", ModelSettings.defaults());
    long day = 24 * 60;
    for (String item : List.of("x", "a", "old")) {
      stan.learn(view("s1", item, 0));
    }
    for (String item : List.of("a", "near", "y", "z", "far")) {
      stan.learn(view("s2", item, 20 * day));
    }
    stan.learn(view("s3", "a", 20 * day + 5));

    assertThat(ids(stan.recommend("s3", null, 10, false)))
        .startsWith("a", "near")
        .containsSubsequence("near", "y", "z", "far")
        .containsSubsequence("far", "old");
  }
}
