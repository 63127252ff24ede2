package io.reflex.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  @Test
  @DisplayName("defaults come from the jar")
  void defaults() {
    JsonObject config = ConfigLoader.load(null, Map.of());
    assertThat(config.getJsonObject("gateway").getJsonObject("http").getInteger("port"))
        .isEqualTo(8080);
    assertThat(config.getJsonObject("ingestion").getInteger("maxEventBytes")).isEqualTo(65_536);
  }

  @Test
  @DisplayName("a YAML file overrides defaults key by key, and REFLEX_* variables override both")
  void layering(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("reflex.yaml");
    Files.writeString(
        file, "gateway:\n  http:\n    port: 9000\ningestion:\n  maxEventBytes: 1000\n");
    JsonObject config =
        ConfigLoader.load(
            file.toString(),
            Map.of(
                "REFLEX_GATEWAY_HTTP_PORT", "9100",
                "REFLEX_GATEWAY_WS_MAXEVENTSPERPUBLISH", "5",
                "REFLEX_CLUSTER_MEMBERS", "127.0.0.1:5701,127.0.0.1:5702",
                "PATH", "/usr/bin"));
    assertThat(config.getJsonObject("gateway").getJsonObject("http").getInteger("port"))
        .isEqualTo(9100);
    assertThat(config.getJsonObject("gateway").getJsonObject("http").getString("host"))
        .isEqualTo("127.0.0.1");
    assertThat(
            config.getJsonObject("gateway").getJsonObject("ws").getInteger("maxEventsPerPublish"))
        .isEqualTo(5);
    assertThat(config.getJsonObject("ingestion").getInteger("maxEventBytes")).isEqualTo(1000);
    assertThat(config.getJsonObject("cluster").getString("members"))
        .isEqualTo("127.0.0.1:5701,127.0.0.1:5702");
    assertThat(config.containsKey("PATH")).isFalse();
  }

  @Test
  @DisplayName("a REFLEX_* variable that names no key is an error, not silently ignored")
  void unknownVariable() {
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("REFLEX_GATEWAY_HTTP_PROT", "1")))
        .hasMessageContaining("REFLEX_GATEWAY_HTTP_PROT names no configuration key")
        .hasMessageContaining("the closest is REFLEX_GATEWAY_HTTP_PORT (gateway.http.port)");
  }

  @Test
  @DisplayName(
      "a key of the YAML file that the defaults do not have is refused, naming the closest known key")
  void unknownFileKey(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("reflex.yaml");
    Files.writeString(file, "gateway:\n  ws:\n    maxEventsPerPublsh: 10\n");
    assertThatThrownBy(() -> ConfigLoader.load(file.toString(), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(file + ": unknown configuration key gateway.ws.maxEventsPerPublsh")
        .hasMessageContaining("the closest known key is gateway.ws.maxEventsPerPublish");
  }

  @Test
  @DisplayName(
      "a YAML value where the defaults hold a mapping is refused, naming the mapping's keys")
  void valueForMapping(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("reflex.yaml");
    Files.writeString(file, "gateway:\n  http: 9090\n");
    assertThatThrownBy(() -> ConfigLoader.load(file.toString(), Map.of()))
        .hasMessageContaining(
            "gateway.http must be a mapping of keys such as host, port, not 9090");
  }

  @Test
  @DisplayName(
      "an open mapping (kafka.properties) takes any key; a file of comments only changes nothing")
  void openMappingAndEmptyFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("reflex.yaml");
    Files.writeString(file, "kafka:\n  properties:\n    security.protocol: SSL\n");
    JsonObject config = ConfigLoader.load(file.toString(), Map.of());
    assertThat(
            config
                .getJsonObject("kafka")
                .getJsonObject("properties")
                .getString("security.protocol"))
        .isEqualTo("SSL");
    Path comments = dir.resolve("comments.yaml");
    Files.writeString(comments, "# nothing changed yet\n");
    assertThat(ConfigLoader.load(comments.toString(), Map.of()))
        .isEqualTo(ConfigLoader.load(null, Map.of()));
  }

  @Test
  @DisplayName("a missing configuration file is an error")
  void missingFile(@TempDir Path dir) {
    assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("nope.yaml").toString(), Map.of()))
        .isNotNull();
  }
}
