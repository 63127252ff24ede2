package io.reflex.common.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EventIdsTest {

  private static CloudEvent cause(String source, String id) {
    return CloudEvent.wrap(new JsonObject().put("source", source).put("id", id));
  }

  @Test
  @DisplayName(
      "an output's id depends only on its producer and its cause's identity, and reads as a version-8 UUID")
  void deterministicUuids() {
    String id = EventIds.derived("overheating", cause("urn:sensor:7", "r-1"));

    assertThat(EventIds.derived("overheating", cause("urn:sensor:7", "r-1"))).isEqualTo(id);
    assertThat(UUID.fromString(id).toString()).isEqualTo(id);
    assertThat(UUID.fromString(id).version()).isEqualTo(8);
    assertThat(UUID.fromString(id).variant()).isEqualTo(2);
  }

  @Test
  @DisplayName(
      "different producers or causes get different ids, also when their parts only shift between fields")
  void distinctIds() {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 20_000; i++) {
      ids.add(EventIds.derived("rule-" + i % 7, cause("urn:s:" + i % 13, "e-" + i)));
    }
    assertThat(ids).hasSize(20_000);
    assertThat(EventIds.derived("ab", cause("c", "d")))
        .isNotEqualTo(EventIds.derived("a", cause("bc", "d")));
  }
}
