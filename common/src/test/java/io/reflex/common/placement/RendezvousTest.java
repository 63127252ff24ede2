package io.reflex.common.placement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RendezvousTest {
  private static final List<String> KEYS =
      IntStream.range(0, 3_000).mapToObj(i -> "u" + i).toList();

  @Test
  @DisplayName(
      "every replica owns a fair share of the keys, whatever order the replicas are listed in")
  void everyMemberOwnsAFairShareWhateverOrderTheMembersAreListedIn() {
    List<String> members = List.of("node-a", "node-b", "node-c");
    Map<String, Integer> owned = new HashMap<>();
    for (String key : KEYS) {
      String owner = Rendezvous.owner(key, members);
      assertThat(Rendezvous.owner(key, List.of("node-c", "node-a", "node-b"))).isEqualTo(owner);
      owned.merge(owner, 1, Integer::sum);
    }
    assertThat(owned.values()).allSatisfy(count -> assertThat(count).isBetween(800, 1_200));
  }

  @Test
  @DisplayName("a replica joining takes keys only for itself: no other key moves")
  void aMemberJoiningTakesShoppersOnlyForItself() {
    List<String> before = List.of("node-a", "node-b");
    List<String> after = List.of("node-a", "node-b", "node-c");
    for (String key : KEYS) {
      String owner = Rendezvous.owner(key, after);
      if (!owner.equals("node-c")) {
        assertThat(Rendezvous.owner(key, before)).as(key).isEqualTo(owner);
      }
    }
  }
}
