package io.reflex.recommender.model;

import static io.reflex.recommender.model.Events.view;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UserHistoriesTest {

  private static void learn(UserHistories users, Interaction e) {
    users.touch(e.user(), e.timeMillis()).record(0, e);
  }

  @Test
  void forgetsUsersIdleLongerThanTheExpiryInEventTime() {
    UserHistories users =
        new UserHistories(ModelSettings.defaults().toBuilder().userIdleExpiryHours(1).build());
    learn(users, view("old", "a", 0));
    learn(users, view("active", "a", 30));
    learn(users, view("active", "b", 90)); // "old" has now been idle 90 minutes

    assertThat(users.find("old")).isNull();
    assertThat(users.find("active")).isNotNull();
    assertThat(users.size()).isEqualTo(1);
  }

  @Test
  void capsTheNumberOfUsersDroppingTheLongestIdle() {
    UserHistories users =
        new UserHistories(ModelSettings.defaults().toBuilder().maxUsers(2).build());
    learn(users, view("u1", "a", 0));
    learn(users, view("u2", "a", 1));
    learn(users, view("u1", "b", 2));
    learn(users, view("u3", "a", 3));

    assertThat(users.size()).isEqualTo(2);
    assertThat(users.find("u2")).isNull();
    assertThat(users.find("u1")).isNotNull();
    assertThat(users.find("u3")).isNotNull();
  }
}
