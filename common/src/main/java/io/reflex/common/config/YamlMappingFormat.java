package io.reflex.common.config;

import io.vertx.config.spi.ConfigProcessor;
import io.vertx.config.yaml.YamlProcessor;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

/**
 * vertx-config-yaml's format, with one difference: a document holding no mapping at all (only
 * comments, as a configuration file whose every line is commented out) reads as an empty mapping
 * instead of failing the whole retrieval with a NullPointerException when the layers are merged.
 */
public final class YamlMappingFormat implements ConfigProcessor {

  static final String NAME = "reflex-yaml";

  private final YamlProcessor yaml = new YamlProcessor();

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Future<JsonObject> process(Vertx vertx, JsonObject configuration, Buffer input) {
    return yaml.process(vertx, configuration, input)
        .map(json -> json == null ? new JsonObject() : json);
  }
}
