package io.reflex.recommender.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reflex.recommender.sim.ShopperSimulator;
import io.reflex.recommender.sim.SimulatorSettings;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SnapshotsTest {
  private static final ModelSettings SETTINGS = ModelSettings.defaults();

  private static byte[] snapshot(Recommender model, ModelSettings settings) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      Snapshots.write(model, settings, out);
    }
    return bytes.toByteArray();
  }

  private static Recommender restore(byte[] bytes, ModelSettings settings) throws IOException {
    return Snapshots.read(settings, new DataInputStream(new ByteArrayInputStream(bytes)));
  }

  /** Ratings: the model has learned to avoid seen items and remembers users' items for good. */
  @ParameterizedTest
  @ValueSource(strings = {"shop", "ratings"})
  void aRestoredModelAnswersAndGoesOnLearningExactlyLikeTheOriginal(String regime)
      throws IOException {
    Iterator<Interaction> events = new ShopperSimulator(SimulatorSettings.regime(regime, 21));
    Recommender original = Recommenders.createDefault(SETTINGS);
    for (int i = 0; i < 30_000; i++) {
      original.learn(events.next());
    }
    byte[] bytes = snapshot(original, SETTINGS);
    Recommender copy = restore(bytes, SETTINGS);

    assertThat(snapshot(copy, SETTINGS)).isEqualTo(bytes);
    for (int i = 0; i < 10_000; i++) {
      Interaction e = events.next();
      assertThat(copy.recommend(e.user(), e.session(), 10, true))
          .as("event %d", i)
          .isEqualTo(original.recommend(e.user(), e.session(), 10, true));
      original.learn(e);
      copy.learn(e);
    }
    for (String item : List.of("p1", "p2", "p3", "p50")) {
      assertThat(copy.similar(item, 10)).isEqualTo(original.similar(item, 10));
    }
    assertThat(snapshot(copy, SETTINGS)).isEqualTo(snapshot(original, SETTINGS));
  }

  @Test
  void aSnapshotKeepsTheEvictionOrderOfAFullCatalogue() throws IOException {
    ModelSettings small = SETTINGS.toBuilder().maxItems(50).maxUsers(40).build();
    Iterator<Interaction> events = new ShopperSimulator(SimulatorSettings.defaults(22));
    Recommender original = Recommenders.createDefault(small);
    for (int i = 0; i < 5_000; i++) {
      original.learn(events.next());
    }
    Recommender copy = restore(snapshot(original, small), small);
    for (int i = 0; i < 2_000; i++) {
      Interaction e = events.next();
      original.learn(e);
      copy.learn(e);
    }

    assertThat(snapshot(copy, small)).isEqualTo(snapshot(original, small));
  }

  /**
   * Relation heads ({@link ItemRelations#headSize}) are ranked while learning, not when read: a
   * copy taken while many lists have relations waiting for their next ranking, and an original that
   * served many recommendations the copy never saw, still answer alike.
   */
  @Test
  void aCopyReadsTheSameRelationHeadsAsItsOriginal() throws IOException {
    Iterator<Interaction> events = new ShopperSimulator(SimulatorSettings.regime("ratings", 23));
    Recommender original = Recommenders.createDefault(SETTINGS);
    for (int i = 0; i < 20_000; i++) {
      Interaction e = events.next();
      original.learn(e);
      original.recommend(e.user(), e.session(), 10, false);
    }
    Recommender copy = restore(snapshot(original, SETTINGS), SETTINGS);
    for (int i = 0; i < 5_000; i++) {
      Interaction e = events.next();
      original.recommend(e.user(), e.session(), 10, false);
      original.learn(e);
      copy.learn(e);
      assertThat(copy.recommend(e.user(), e.session(), 10, false))
          .as("event %d", i)
          .isEqualTo(original.recommend(e.user(), e.session(), 10, false));
    }
  }

  @Test
  void aSnapshotOfAnOlderFormatIsRefused() throws IOException {
    byte[] bytes = snapshot(Recommenders.createDefault(SETTINGS), SETTINGS);
    bytes[3] = 4; // format 4: relation lists without their head

    assertThatThrownBy(() -> restore(bytes, SETTINGS))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("unknown model snapshot format 4");
  }

  /**
   * Also another co-occurrence window: that copy would answer like its original at first, then
   * learn other pairs.
   */
  @Test
  void aReplicaConfiguredDifferentlyRefusesTheSnapshot() throws IOException {
    Recommender model = Recommenders.createDefault(SETTINGS);
    model.learn(Events.view("u", "a", 0));
    byte[] bytes = snapshot(model, SETTINGS);

    assertThatThrownBy(() -> restore(bytes, SETTINGS.toBuilder().maxHistoryPerUser(30).build()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("maxHistoryPerUser 50");
    assertThatThrownBy(() -> restore(bytes, SETTINGS.toBuilder().coOccurrenceWindow(50).build()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("coOccurrenceWindow 10");
  }
}
