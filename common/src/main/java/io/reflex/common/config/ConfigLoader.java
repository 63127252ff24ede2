package io.reflex.common.config;

import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reflex configuration in three layers, later ones winning key by key: the defaults in the jar
 * ({@code reflex-defaults.yaml}), an optional YAML file, then {@code REFLEX_*} environment variables.
 *
 * <p>An environment variable names a path in the defaults, case-insensitively, with {@code _} between the levels:
 * {@code REFLEX_GATEWAY_HTTP_PORT=9090} sets {@code gateway.http.port}. Only paths that exist in the defaults can be
 * set this way, so a misspelt variable is reported instead of silently ignored.
 *
 * <p>Read without Vert.x, because the launcher needs the configuration before it can create the Vert.x it sizes from
 * it; a file's keys are merged deeply over the defaults.
 */
public final class ConfigLoader {

  public static final String DEFAULTS = "reflex-defaults.yaml";
  static final String ENV_PREFIX = "REFLEX_";

  private ConfigLoader() {
  }

  /** Reads the configuration once. {@code file} may be null. */
  public static JsonObject load(String file) {
    return load(file, System.getenv());
  }

  /**
   * Reads the configuration with the given environment instead of the process's: lets deployment descriptors
   * (Kubernetes manifests, container settings) be checked against the keys that exist.
   *
   * @throws IllegalArgumentException when a file cannot be read or is not a YAML mapping, or a variable names no key
   */
  public static JsonObject load(String file, Map<String, String> environment) {
    JsonObject config = YamlDocument.parse(DEFAULTS, defaults());
    if (file != null) {
      try {
        config.mergeIn(YamlDocument.parse(file, Files.readString(Path.of(file))), true);
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read the configuration file " + file + ": " + e, e);
      }
    }
    return EnvironmentOverlay.apply(config, environment);
  }

  private static String defaults() {
    try (InputStream in = ConfigLoader.class.getClassLoader().getResourceAsStream(DEFAULTS)) {
      if (in == null) {
        throw new IllegalStateException(DEFAULTS + " is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
