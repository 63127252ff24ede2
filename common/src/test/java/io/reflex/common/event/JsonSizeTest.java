package io.reflex.common.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.reflex.common.testing.RandomTrees;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class JsonSizeTest {

  @Test
  @DisplayName("the bound is never below the UTF-8 size of the text Vert.x writes")
  void neverBelowTheText() {
    Random random = new Random(11);
    for (int i = 0; i < 3000; i++) {
      JsonObject event = RandomTrees.event(random, i);
      long exact = event.toBuffer().length();
      assertThat(JsonSize.atMost(event)).as("event %d", i).isGreaterThanOrEqualTo(exact);
    }
  }

  @Test
  @DisplayName("plain maps and lists inside an event count as the objects and arrays they write")
  void plainMapsAndLists() {
    JsonObject wrapped =
        new JsonObject().put("a", new JsonObject().put("b", "x")).put("c", List.of(1, "y"));
    JsonObject plain = new JsonObject().put("a", Map.of("b", "x")).put("c", List.of(1, "y"));
    assertThat(JsonSize.atMost(plain)).isEqualTo(JsonSize.atMost(wrapped));
    assertThat(JsonSize.atMost(plain)).isLessThan(200);
  }
}
