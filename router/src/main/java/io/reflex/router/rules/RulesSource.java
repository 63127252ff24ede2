package io.reflex.router.rules;

import io.reflex.common.config.ConfigLoader;
import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * Loads the rules document through vertx-config and, when it comes from a file, watches it: every change is parsed
 * and compiled on a worker thread, and only a document without errors replaces the running rules. A document with an
 * error is reported (naming rule and field) and the previous rules keep running.
 */
public final class RulesSource {

  public static final String BUNDLED = "rules/default-rules.yaml";
  private static final Logger LOG = Logger.getLogger(RulesSource.class.getName());

  private final Vertx vertx;
  private final Function<CompiledRules, String> check;
  private final String path;
  private final ConfigRetriever retriever;
  private volatile String lastError;
  private final AtomicInteger version = new AtomicInteger();

  public RulesSource(Vertx vertx, String path, long scanPeriodMs) {
    this(vertx, path, scanPeriodMs, rules -> null);
  }

  /**
   * @param check what this router adds to the parser's checks: null when the rules can run here, else why not (e.g.
   *              they publish to Kafka and no broker is configured)
   */
  public RulesSource(Vertx vertx, String path, long scanPeriodMs, Function<CompiledRules, String> check) {
    this.vertx = vertx;
    this.check = check;
    this.path = path == null || path.isBlank() ? BUNDLED : path;
    boolean watch = !this.path.equals(BUNDLED) && scanPeriodMs > 0;
    this.retriever = ConfigRetriever.create(vertx, new ConfigRetrieverOptions()
        .setScanPeriod(watch ? scanPeriodMs : 0)
        .addStore(ConfigLoader.yaml(this.path, false)));
  }

  /** Loads the rules once; fails (with every error listed) when the document is invalid. */
  public Future<CompiledRules> load() {
    return retriever.getConfig().compose(this::compile).onSuccess(rules -> version.incrementAndGet());
  }

  /** Calls {@code onChange} with each valid new version of the rules document. */
  public void watch(Consumer<CompiledRules> onChange) {
    retriever.listen(change -> compile(change.getNewConfiguration())
        .onSuccess(rules -> {
          lastError = null;
          version.incrementAndGet();
          LOG.info("rules reloaded from " + path + ": " + rules.rules().size() + rules.sequences().size() + " rules");
          onChange.accept(rules);
        })
        .onFailure(error -> {
          lastError = error.getMessage();
          LOG.warning("rules in " + path + " refused, previous rules keep running: " + error.getMessage());
        }));
  }

  /** 1 for the rules loaded at start, plus one per accepted reload. */
  public int version() {
    return version.get();
  }

  public String lastError() {
    return lastError;
  }

  public String path() {
    return path;
  }

  public void close() {
    retriever.close();
  }

  private Future<CompiledRules> compile(JsonObject document) {
    return vertx.executeBlocking(() -> new CompiledRules(RuleParser.parse(document), path), false)
        .compose(rules -> {
          String refusal = check.apply(rules);
          return refusal == null ? Future.succeededFuture(rules) : Future.failedFuture(refusal);
        });
  }
}
