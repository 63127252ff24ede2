package io.reflex.common.config;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {

  @Test
  @DisplayName("defaults come from the jar")
  void defaults() {
    JsonObject config = ConfigLoader.load(null, Map.of());
    assertThat(config.getJsonObject("gateway").getJsonObject("http").getInteger("port")).isEqualTo(8080);
    assertThat(config.getJsonObject("ingestion").getInteger("maxEventBytes")).isEqualTo(65_536);
  }

  @Test
  @DisplayName("a YAML file overrides defaults key by key, and REFLEX_* variables override both")
  void layering(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("reflex.yaml");
    Files.writeString(file, "gateway:\n  http:\n    port: 9000\ningestion:\n  maxEventBytes: 1000\n");
    JsonObject config = ConfigLoader.load(file.toString(), Map.of(
        "REFLEX_GATEWAY_HTTP_PORT", "9100",
        "REFLEX_GATEWAY_WS_MAXEVENTSPERPUBLISH", "5",
        "REFLEX_CLUSTER_MEMBERS", "127.0.0.1:5701,127.0.0.1:5702",
        "PATH", "/usr/bin"));
    assertThat(config.getJsonObject("gateway").getJsonObject("http").getInteger("port")).isEqualTo(9100);
    assertThat(config.getJsonObject("gateway").getJsonObject("http").getString("host")).isEqualTo("127.0.0.1");
    assertThat(config.getJsonObject("gateway").getJsonObject("ws").getInteger("maxEventsPerPublish")).isEqualTo(5);
    assertThat(config.getJsonObject("ingestion").getInteger("maxEventBytes")).isEqualTo(1000);
    assertThat(config.getJsonObject("cluster").getString("members")).isEqualTo("127.0.0.1:5701,127.0.0.1:5702");
    assertThat(config.containsKey("PATH")).isFalse();
  }

  @Test
  @DisplayName("a REFLEX_* variable that names no key is an error, not silently ignored")
  void unknownVariable() {
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("REFLEX_GATEWAY_HTTP_PROT", "1")))
        .hasMessageContaining("REFLEX_GATEWAY_HTTP_PROT names no configuration key");
  }

  @Test
  @DisplayName("a missing configuration file is an error")
  void missingFile(@TempDir Path dir) {
    assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("nope.yaml").toString(), Map.of()))
        .isNotNull();
  }
}
