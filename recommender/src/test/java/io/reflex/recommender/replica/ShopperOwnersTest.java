package io.reflex.recommender.replica;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class ShopperOwnersTest {
    private static final List<String> SHOPPERS = IntStream.range(0, 3_000).mapToObj(i -> "u" + i).toList();

    @Test
    void everyMemberOwnsAFairShareWhateverOrderTheMembersAreListedIn() {
        List<String> members = List.of("node-a", "node-b", "node-c");
        Map<String, Integer> owned = new HashMap<>();
        for (String shopper : SHOPPERS) {
            String owner = ShopperOwners.owner(members, shopper);
            assertThat(ShopperOwners.owner(List.of("node-c", "node-a", "node-b"), shopper)).isEqualTo(owner);
            owned.merge(owner, 1, Integer::sum);
        }
        assertThat(owned.values()).allSatisfy(count -> assertThat(count).isBetween(800, 1_200));
    }

    @Test
    void aMemberJoiningTakesShoppersOnlyForItself() {
        List<String> before = List.of("node-a", "node-b");
        List<String> after = List.of("node-a", "node-b", "node-c");
        for (String shopper : SHOPPERS) {
            String owner = ShopperOwners.owner(after, shopper);
            if (!owner.equals("node-c")) {
                assertThat(ShopperOwners.owner(before, shopper)).as(shopper).isEqualTo(owner);
            }
        }
    }
}
