package io.reflex.standalone.cli;

import io.reflex.common.config.ConfigLoader;
import io.reflex.router.rules.CompiledRules;
import io.reflex.router.rules.InvalidRulesException;
import io.reflex.router.rules.RulesSource;
import io.reflex.router.sequence.SequenceLimits;
import io.vertx.core.Vertx;
import java.io.File;

/**
 * Loads a rules file exactly as the router does (same YAML store, parser and compiler), for the
 * offline commands.
 */
final class RulesFile {

  private RulesFile() {}

  /**
   * The router's sequence limits, from the defaults file (the offline commands take no settings
   * file).
   */
  static SequenceLimits limits() {
    return SequenceLimits.from(
        ConfigLoader.load(null).getJsonObject("router").getJsonObject("sequence"));
  }

  /** The router's {@code maxDepth}, from the defaults file. */
  static int maxDepth() {
    return ConfigLoader.load(null).getJsonObject("router").getInteger("maxDepth");
  }

  /**
   * @throws InvalidRulesException with every problem when the rules are invalid
   */
  static CompiledRules load(File file) throws Exception {
    return load(file.getAbsolutePath());
  }

  /**
   * @param path blank: the bundled rules
   */
  static CompiledRules load(String path) throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      RulesSource source = new RulesSource(vertx, path, 0);
      try {
        return source.load().await();
      } finally {
        source.close();
      }
    } finally {
      vertx.close().await();
    }
  }
}
