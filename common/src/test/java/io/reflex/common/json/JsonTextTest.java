package io.reflex.common.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.reflex.common.testing.RandomTrees;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class JsonTextTest {

  @Test
  @DisplayName("values are written exactly as Vert.x (Jackson) writes them")
  void readsBack() {
    Object[] values = {
      "plain",
      "quote \" and \\ backslash",
      "tab\tnew\nline\u0001\u001f",
      "é ✓ 😀",
      "",
      42,
      -7L,
      true,
      null,
      1.5,
      new JsonObject().put("a", 1),
      new JsonArray().add("x")
    };
    for (Object value : values) {
      String text = JsonText.append(new StringBuilder(), value).toString();
      assertThat(text).isEqualTo(Json.encode(value));
      if (value instanceof String string) {
        assertThat(JsonText.quote(string)).isEqualTo(Json.encode(value));
      }
    }
  }

  @Test
  @DisplayName("an event after a much larger one is written whole and alone")
  void reusedBuilderKeepsNothingBetweenEvents() {
    JsonObject large = new JsonObject().put("text", "x".repeat(100_000) + "\u2603");
    JsonObject small = new JsonObject().put("id", "a");
    assertThat(JsonText.encode(large)).isEqualTo(large.encode());
    assertThat(JsonText.encode(small)).isEqualTo("{\"id\":\"a\"}");
    assertThat(JsonText.encode(large)).isEqualTo(large.encode());
    assertThat(JsonText.encode(small)).isEqualTo("{\"id\":\"a\"}");
  }

  @Test
  @DisplayName("whole events, odd values included, are written exactly as Vert.x writes them")
  void eventsAsVertxWritesThem() {
    Random random = new Random(7);
    for (int i = 0; i < 3000; i++) {
      JsonObject event = RandomTrees.event(random, i);
      assertThat(JsonText.encode(event)).as("event %d", i).isEqualTo(event.encode());
    }
  }
}
