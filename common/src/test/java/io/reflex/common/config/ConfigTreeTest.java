package io.reflex.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ConfigTreeTest {

  @Test
  @DisplayName("a partial subtree is completed with the defaults of the jar, key by key")
  void completedWithDefaults() {
    ConfigTree gateway =
        ConfigTree.of("gateway", new JsonObject().put("http", new JsonObject().put("port", 9090)));
    assertThat(gateway.at("http").integer("port")).isEqualTo(9090);
    assertThat(gateway.at("http").text("host")).isEqualTo("127.0.0.1");
    assertThat(gateway.at("limits").decimal("connectionEventsPerSecond")).isEqualTo(5000.0);
    assertThat(ConfigTree.of("router", null).at("log").text("group")).isEqualTo("reflex-router");
  }

  @Test
  @DisplayName(
      "a value of the wrong type is refused with its full key; a number is accepted as text")
  void typedReads() {
    ConfigTree http =
        ConfigTree.of(
                "gateway", new JsonObject().put("http", new JsonObject().put("port", "eighty")))
            .at("http");
    assertThatThrownBy(() -> http.integer("port"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("gateway.http.port must be a whole number, not \"eighty\"");
    assertThatThrownBy(
            () ->
                ConfigTree.of("ingestion", new JsonObject().put("maxEventBytes", 1.5))
                    .integer("maxEventBytes"))
        .hasMessage("ingestion.maxEventBytes must be a whole number, not 1.5");
    assertThat(ConfigTree.of("cluster", new JsonObject().put("name", 42)).text("name"))
        .isEqualTo("42");
  }

  @Test
  @DisplayName("a subtree the defaults do not have is a programming error named as such")
  void unknownSubtree() {
    assertThatThrownBy(() -> ConfigTree.of("gateway.nope", null))
        .hasMessage("gateway.nope is no mapping of reflex-defaults.yaml");
  }
}
