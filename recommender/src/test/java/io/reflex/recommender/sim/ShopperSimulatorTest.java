package io.reflex.recommender.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reflex.recommender.model.Interaction;
import io.reflex.recommender.model.InteractionType;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ShopperSimulatorTest {
  private static List<Interaction> events(long seed, int n) {
    return new ShopperSimulator(SimulatorSettings.defaults(seed)).stream().limit(n).toList();
  }

  @Test
  void sameSeedSameEventsOtherSeedOtherEvents() {
    assertThat(events(5, 5_000)).isEqualTo(events(5, 5_000));
    assertThat(events(6, 5_000)).isNotEqualTo(events(5, 5_000));
  }

  @Test
  void emitsInTimeOrderWithThePlantedKindsOfBehaviour() {
    SimulatorSettings settings = SimulatorSettings.defaults(2);
    ShopperSimulator simulator = new ShopperSimulator(settings);
    List<Interaction> log = simulator.stream().limit(50_000).toList();

    Map<InteractionType, Integer> types = new HashMap<>();
    Map<String, Set<String>> usersOfSession = new HashMap<>();
    Map<String, Integer> sessionLength = new HashMap<>();
    Set<String> items = new HashSet<>();
    int repeatViews = 0;
    for (int i = 0; i < log.size(); i++) {
      Interaction e = log.get(i);
      if (i > 0) {
        assertThat(e.timeMillis()).isGreaterThanOrEqualTo(log.get(i - 1).timeMillis());
        Interaction previous = log.get(i - 1);
        repeatViews +=
            previous.session().equals(e.session()) && previous.item().equals(e.item()) ? 1 : 0;
      }
      types.merge(e.type(), 1, Integer::sum);
      usersOfSession.computeIfAbsent(e.user(), u -> new HashSet<>()).add(e.session());
      sessionLength.merge(e.session(), 1, Integer::sum);
      items.add(e.item());
    }

    assertThat(types.keySet()).containsExactlyInAnyOrder(InteractionType.values());
    assertThat(types.get(InteractionType.VIEW)).isGreaterThan(types.get(InteractionType.CART));
    assertThat(usersOfSession.values())
        .anyMatch(sessions -> sessions.size() >= 5); // returning users
    assertThat(usersOfSession).hasSizeGreaterThan(1_000); // new users keep arriving
    assertThat(sessionLength.values().stream().filter(n -> n <= 2).count())
        .isGreaterThan(sessionLength.size() / 5); // the long tail of one-off sessions
    assertThat(simulator.catalog().size())
        .isGreaterThan(settings.initialItems()); // new items arrived
    assertThat(items).contains("p" + settings.initialItems()); // and were shopped
    assertThat(repeatViews).isPositive();
  }

  @Test
  void exposesThePlantedStructure() {
    Catalog catalog = new ShopperSimulator(SimulatorSettings.defaults(1)).catalog();
    List<String> planted = catalog.itemsWithPlantedFollowers();

    assertThat(planted).hasSizeGreaterThan(catalog.size() / 5);
    assertThat(planted)
        .allSatisfy(
            item ->
                assertThat(
                        !catalog.bundlePartners(item).isEmpty()
                            || catalog.sequenceNext(item) != null)
                    .isTrue());
    assertThat(catalog.bundlePartners("no-such-item")).isEmpty();
    assertThat(catalog.sequenceNext("p999999")).isNull();
  }

  private static List<Interaction> regime(String name, int n) {
    return new ShopperSimulator(SimulatorSettings.regime(name, 3)).stream().limit(n).toList();
  }

  @Test
  void anonymousSessionsAreTheirOwnUsersAndOnlyView() {
    List<Interaction> log = regime("sessions", 20_000);

    assertThat(log)
        .allSatisfy(
            e -> {
              assertThat(e.user()).isEqualTo(e.session());
              assertThat(e.type()).isEqualTo(InteractionType.VIEW);
            });
  }

  @Test
  void ratingsUsersNeverMeetAnItemTwiceAndHaveLongHistories() {
    List<Interaction> log = regime("ratings", 50_000);

    Set<String> pairs = new HashSet<>();
    Map<String, Integer> perUser = new HashMap<>();
    for (Interaction e : log) {
      assertThat(pairs.add(e.user() + "/" + e.item())).as("repeat of %s", e).isTrue();
      perUser.merge(e.user(), 1, Integer::sum);
    }
    assertThat(log.size() / (double) perUser.size()).isGreaterThan(50);
  }

  @Test
  void repeatBuyersBuyTheSameItemsAgainInLaterSessions() {
    List<Interaction> log = regime("repeat-buyers", 50_000);

    Map<String, String> firstSessionOfPurchase = new HashMap<>();
    int purchases = 0;
    int rebought = 0;
    for (Interaction e : log) {
      if (e.type() == InteractionType.PURCHASE) {
        purchases++;
        String first = firstSessionOfPurchase.putIfAbsent(e.user() + "/" + e.item(), e.session());
        rebought += first != null && !first.equals(e.session()) ? 1 : 0;
      }
    }
    assertThat(rebought).isGreaterThan(purchases / 2);
  }

  @Test
  void anUnknownRegimeNamesTheKnownOnes() {
    assertThatThrownBy(() -> SimulatorSettings.regime("bazaar", 1))
        .hasMessageContaining("repeat-buyers");
  }
}
