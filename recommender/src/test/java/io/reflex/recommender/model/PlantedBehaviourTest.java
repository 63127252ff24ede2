package io.reflex.recommender.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.reflex.recommender.sim.Catalog;
import io.reflex.recommender.sim.ShopperSimulator;
import io.reflex.recommender.sim.SimulatorSettings;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The default model learns the co-bought items and chains the simulator planted; popularity alone
 * cannot.
 */
class PlantedBehaviourTest {

  private static double plantedHitRate(Recommender model, Catalog catalog, List<String> probes) {
    int hits = 0;
    for (String item : probes) {
      String probeUser = "probe-" + item;
      model.learn(new Interaction(probeUser, item, InteractionType.VIEW, Long.MAX_VALUE / 2, null));
      List<String> followers = new ArrayList<>(catalog.bundlePartners(item));
      if (catalog.sequenceNext(item) != null) {
        followers.add(catalog.sequenceNext(item));
      }
      boolean hit =
          model.recommend(probeUser, null, 10, false).stream()
              .anyMatch(s -> followers.contains(s.id()));
      hits += hit ? 1 : 0;
    }
    return hits / (double) probes.size();
  }

  @Test
  void hitsPlantedFollowersFarMoreOftenThanPopularity() {
    ShopperSimulator simulator = new ShopperSimulator(SimulatorSettings.defaults(3));
    Recommender model = Recommenders.createDefault(ModelSettings.defaults());
    Recommender pop = Recommenders.create("pop", ModelSettings.defaults());
    Iterator<Interaction> events = simulator;
    for (int i = 0; i < 60_000; i++) {
      Interaction e = events.next();
      model.learn(e);
      pop.learn(e);
    }
    List<String> probes = simulator.catalog().itemsWithPlantedFollowers().subList(0, 300);

    double modelRate = plantedHitRate(model, simulator.catalog(), probes);
    double popRate = plantedHitRate(pop, simulator.catalog(), probes);

    assertThat(modelRate).isGreaterThan(0.6).isGreaterThan(3 * popRate);
  }
}
