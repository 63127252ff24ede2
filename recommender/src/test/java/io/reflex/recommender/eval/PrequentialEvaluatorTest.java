package io.reflex.recommender.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.reflex.recommender.model.Interaction;
import io.reflex.recommender.model.InteractionType;
import io.reflex.recommender.model.ModelSettings;
import io.reflex.recommender.model.Recommender;
import io.reflex.recommender.model.Recommenders;
import io.reflex.recommender.model.ScoredItem;
import io.reflex.recommender.sim.ShopperSimulator;
import io.reflex.recommender.sim.SimulatorSettings;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrequentialEvaluatorTest {
  private static final EnumSet<InteractionType> ALL = EnumSet.allOf(InteractionType.class);

  /** Always answers [a, b, c] and records what it learned, in order. */
  private static final class Scripted implements Recommender {
    final List<String> learned = new ArrayList<>();
    final List<String> askedBeforeLearning = new ArrayList<>();

    @Override
    public void learn(Interaction e) {
      learned.add(e.item());
    }

    @Override
    public List<ScoredItem> recommend(
        String user, String session, int n, boolean excludePurchased) {
      askedBeforeLearning.add(user + "@" + learned.size());
      return List.of(new ScoredItem("a", 3), new ScoredItem("b", 2), new ScoredItem("c", 1));
    }

    @Override
    public List<ScoredItem> similar(String item, int n) {
      return List.of();
    }
  }

  private static Interaction event(String user, String item, long time) {
    return new Interaction(user, item, InteractionType.VIEW, time, null);
  }

  @Test
  void scoresEachEventBeforeLearningItAndComputesHitRateAndMrr() {
    // file order, not time order: the replay sorts by time and keeps file order for the tie at t=2
    List<Interaction> log =
        List.of(
            event("u1", "x", 0),
            event("u2", "c", 3),
            event("u1", "a", 2),
            event("u2", "z", 2),
            event("u1", "a", 4));
    ReplayLog replay = new ReplayLog(log, 0.2, ALL); // the first event is warm-up only
    Scripted model = new Scripted();

    ModelResult result =
        new PrequentialEvaluator(replay, false).run("scripted", model, (m, d, t) -> {});

    assertThat(model.learned).containsExactly("x", "a", "z", "c", "a");
    assertThat(model.askedBeforeLearning).containsExactly("u1@1", "u2@2", "u2@3", "u1@4");
    assertThat(result.ranks()).containsExactly(1, 0, 3, 1);
    Metrics all = result.overall();
    assertThat(all.events()).isEqualTo(4);
    assertThat(all.hr10()).isEqualTo(0.75);
    assertThat(all.mrr10()).isCloseTo((1 + 0 + 1.0 / 3 + 1) / 4, offset(1e-12));
    assertThat(all.hr20()).isEqualTo(0.75);
    Metrics warm = result.where(replay::isWarmUser);
    Metrics cold = result.where(i -> !replay.isWarmUser(i));
    assertThat(warm.events()).isEqualTo(3);
    assertThat(cold.events()).isEqualTo(1); // u2's first event (item z)
    assertThat(cold.hr10()).isZero();
    assertThat(replay.unhittableShare())
        .isEqualTo(0.75); // a, z, c were new when scored; the last a was not
    assertThat(replay.repeatShare()).isEqualTo(0.25); // u1 saw a before
  }

  @Test
  void scoresOnlyTheChosenTypes() {
    List<Interaction> log =
        List.of(event("u", "a", 0), new Interaction("u", "a", InteractionType.PURCHASE, 1, null));
    ReplayLog replay = new ReplayLog(log, 0, EnumSet.of(InteractionType.PURCHASE));

    ModelResult result =
        new PrequentialEvaluator(replay, false).run("s", new Scripted(), (m, d, t) -> {});

    assertThat(result.ranks()).containsExactly(1);
  }

  @Test
  void twoReplaysGiveIdenticalRanks() {
    List<Interaction> log =
        new ShopperSimulator(SimulatorSettings.defaults(11)).stream().limit(20_000).toList();
    ReplayLog replay = new ReplayLog(log, 0.2, ALL);
    PrequentialEvaluator evaluator = new PrequentialEvaluator(replay, false);

    for (String name : Recommenders.NAMES) {
      ModelResult first =
          evaluator.run(name, Recommenders.create(name, ModelSettings.defaults()), (m, d, t) -> {});
      ModelResult second =
          evaluator.run(name, Recommenders.create(name, ModelSettings.defaults()), (m, d, t) -> {});
      assertThat(second.ranks()).as(name).isEqualTo(first.ranks());
    }
  }

  @Test
  void defaultBeatsPopularityOnTheOttoSample() {
    ReplayLog replay =
        new ReplayLog(LogReader.read(SharedData.ottoSample(), LogFormat.OTTO), 0.2, ALL);
    PrequentialEvaluator evaluator = new PrequentialEvaluator(replay, false);

    ModelResult model =
        evaluator.run(
            "default", Recommenders.createDefault(ModelSettings.defaults()), (m, d, t) -> {});
    ModelResult pop =
        evaluator.run("pop", Recommenders.create("pop", ModelSettings.defaults()), (m, d, t) -> {});

    assertThat(model.overall().events()).isEqualTo(690);
    assertThat(model.overall().hr10()).isGreaterThan(pop.overall().hr10());
  }
}
