package io.reflex.common.config;

import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reflex configuration in three layers, read by a vertx-config {@link ConfigRetriever}, later ones
 * winning key by key: the defaults in the jar ({@code reflex-defaults.yaml}), an optional YAML
 * file, then {@code REFLEX_*} environment variables.
 *
 * <p>An environment variable names a path in the defaults, case-insensitively, with {@code _}
 * between the levels: {@code REFLEX_GATEWAY_HTTP_PORT=9090} sets {@code gateway.http.port}. Only
 * keys that exist in the defaults can be set, by a variable or in the file, so a misspelt one is
 * reported with the closest known key instead of silently ignored.
 *
 * <p>The launcher needs the configuration before it can create the (clustered) Vert.x it sizes from
 * it, so the retriever runs on a short-lived plain Vert.x of its own, closed once the configuration
 * is read. The rules file is not part of it: the router watches that file itself, off the event
 * loop.
 */
public final class ConfigLoader {

  private static final String DEFAULTS = ConfigDefaults.RESOURCE;
  static final String ENV_PREFIX = "REFLEX_";

  private ConfigLoader() {}

  /**
   * Reads the configuration once, with the process's environment. Call it from a plain thread
   * (main, a test): it waits for a Vert.x of its own.
   *
   * @param file optional YAML file; may be null
   * @throws IllegalArgumentException when the file cannot be read, is not a YAML mapping or names
   *     an unknown key, or a variable names no key
   */
  public static JsonObject load(String file) {
    JsonArray names = new JsonArray();
    System.getenv().keySet().stream()
        .filter(ConfigLoader::reflexVariable)
        .sorted()
        .forEach(names::add);
    return load(
        file,
        new ConfigStoreOptions()
            .setType("env")
            .setConfig(new JsonObject().put("keys", names).put("raw-data", true)));
  }

  /**
   * Reads the configuration with the given environment instead of the process's: lets deployment
   * descriptors (Kubernetes manifests, container settings) be checked against the keys that exist.
   */
  public static JsonObject load(String file, Map<String, String> environment) {
    JsonObject variables = new JsonObject();
    new TreeMap<>(environment)
        .forEach(
            (name, value) -> {
              if (reflexVariable(name)) {
                variables.put(name, value);
              }
            });
    return load(file, new ConfigStoreOptions().setType("json").setConfig(variables));
  }

  private static JsonObject load(String file, ConfigStoreOptions environmentStore) {
    ConfigRetrieverOptions options =
        new ConfigRetrieverOptions().setScanPeriod(0).addStore(yaml(DEFAULTS));
    if (file != null) {
      options.addStore(yaml(file));
    }
    options.addStore(environmentStore);
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
    try {
      ConfigRetriever retriever =
          ConfigRetriever.create(vertx, options)
              .setConfigurationProcessor(merged -> layer(file, merged));
      return retriever.getConfig().await();
    } catch (IllegalArgumentException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalArgumentException(
          "cannot read the configuration" + (file == null ? "" : " file " + file) + ": " + e, e);
    } finally {
      vertx.close().await();
    }
  }

  /**
   * Checks the file's keys against the defaults, then lays the variables (top-level REFLEX_* keys)
   * over the rest.
   */
  private static JsonObject layer(String file, JsonObject merged) {
    JsonObject variables = new JsonObject();
    JsonObject tree = new JsonObject();
    merged.forEach(
        entry ->
            (reflexVariable(entry.getKey()) ? variables : tree)
                .put(entry.getKey(), entry.getValue()));
    KnownKeys.check(file == null ? DEFAULTS : file, tree, ConfigDefaults.tree());
    Map<String, String> environment = new TreeMap<>();
    variables.forEach(entry -> environment.put(entry.getKey(), String.valueOf(entry.getValue())));
    return EnvironmentOverlay.apply(tree, environment);
  }

  private static ConfigStoreOptions yaml(String path) {
    return new ConfigStoreOptions()
        .setType("file")
        .setFormat(YamlMappingFormat.NAME)
        .setConfig(new JsonObject().put("path", path));
  }

  private static boolean reflexVariable(String name) {
    return name.startsWith(ENV_PREFIX) && !name.equals("REFLEX_CONFIG");
  }
}
