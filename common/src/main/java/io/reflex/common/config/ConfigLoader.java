package io.reflex.common.config;

import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.util.Map;

/**
 * Reflex configuration in three layers, later ones winning key by key: the defaults in the jar
 * ({@code reflex-defaults.yaml}), an optional YAML file, then {@code REFLEX_*} environment variables.
 *
 * <p>An environment variable names a path in the defaults, case-insensitively, with {@code _} between the levels:
 * {@code REFLEX_GATEWAY_HTTP_PORT=9090} sets {@code gateway.http.port}. Only paths that exist in the defaults can be
 * set this way, so a misspelt variable is reported instead of silently ignored.
 */
public final class ConfigLoader {

  public static final String DEFAULTS = "reflex-defaults.yaml";
  static final String ENV_PREFIX = "REFLEX_";

  private ConfigLoader() {
  }

  /** Reads the configuration once. {@code file} may be null. */
  public static Future<JsonObject> load(Vertx vertx, String file) {
    return load(vertx, file, System.getenv());
  }

  /**
   * Reads the configuration with the given environment instead of the process's: lets deployment descriptors
   * (Kubernetes manifests, container settings) be checked against the keys that exist.
   */
  public static Future<JsonObject> load(Vertx vertx, String file, Map<String, String> environment) {
    ConfigRetrieverOptions options = new ConfigRetrieverOptions()
        .setScanPeriod(0)
        .addStore(yaml(DEFAULTS, false));
    if (file != null) {
      options.addStore(yaml(file, false));
    }
    ConfigRetriever retriever = ConfigRetriever.create(vertx, options);
    return retriever.getConfig()
        .eventually(retriever::close)
        .map(config -> EnvironmentOverlay.apply(config, environment));
  }

  public static ConfigStoreOptions yaml(String path, boolean optional) {
    return new ConfigStoreOptions()
        .setType("file")
        .setFormat("yaml")
        .setOptional(optional)
        .setConfig(new JsonObject().put("path", path));
  }
}
