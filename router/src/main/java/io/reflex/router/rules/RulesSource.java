package io.reflex.router.rules;

import io.reflex.common.config.YamlDocument;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * Loads the rules document and, when it comes from a file, watches it: every change is parsed and
 * compiled on a worker thread, and only a document without errors replaces the running rules. A
 * document with an error is reported (naming rule and field) and the previous rules keep running.
 *
 * <p>Each scan reads the file on a worker and compares its bytes with the last ones seen; only a
 * changed document is parsed. (vertx-config's retriever, used before, parsed the whole document and
 * compared it as JSON on the event loop at every scan: with 10,000 rules that blocked the router
 * for seconds every two seconds.)
 */
public final class RulesSource {

  public static final String BUNDLED = "rules/default-rules.yaml";
  private static final Logger LOG = Logger.getLogger(RulesSource.class.getName());

  private final Vertx vertx;
  private final Function<CompiledRules, String> check;
  private final String path;
  private final long scanPeriodMs;
  private volatile String lastError;
  private final AtomicInteger version = new AtomicInteger();

  /**
   * The document last read, to tell a change from a scan that finds the same bytes; only touched on
   * workers.
   */
  private volatile byte[] lastDocument;

  private boolean scanning;
  private long timer = -1;

  public RulesSource(Vertx vertx, String path, long scanPeriodMs) {
    this(vertx, path, scanPeriodMs, rules -> null);
  }

  /**
   * @param check what this router adds to the parser's checks: null when the rules can run here,
   *     else why not (e.g. they publish to Kafka and no broker is configured)
   */
  public RulesSource(
      Vertx vertx, String path, long scanPeriodMs, Function<CompiledRules, String> check) {
    this.vertx = vertx;
    this.check = check;
    this.path = path == null || path.isBlank() ? BUNDLED : path;
    this.scanPeriodMs = this.path.equals(BUNDLED) ? 0 : scanPeriodMs;
  }

  /** Loads the rules once; fails (with every error listed) when the document is invalid. */
  public Future<CompiledRules> load() {
    return vertx
        .executeBlocking(
            () -> {
              byte[] document = read();
              lastDocument = document;
              return compile(document);
            },
            false)
        .compose(this::checked)
        .onSuccess(rules -> version.incrementAndGet());
  }

  /** Calls {@code onChange} with each valid new version of the rules document. */
  public void watch(Consumer<CompiledRules> onChange) {
    if (scanPeriodMs > 0) {
      timer = vertx.setPeriodic(scanPeriodMs, id -> scan(onChange));
    }
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
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  private void scan(Consumer<CompiledRules> onChange) {
    if (scanning) {
      return; // a large document is still being compiled
    }
    scanning = true;
    vertx
        .<CompiledRules>executeBlocking(
            () -> {
              byte[] document = read();
              if (Arrays.equals(document, lastDocument)) {
                return null;
              }
              lastDocument = document;
              return compile(document);
            },
            false)
        .compose(
            rules ->
                rules == null
                    ? Future.succeededFuture()
                    : checked(rules)
                        .onSuccess(
                            accepted -> {
                              lastError = null;
                              version.incrementAndGet();
                              LOG.info(
                                  "rules reloaded from "
                                      + path
                                      + ": "
                                      + (accepted.rules().size() + accepted.sequences().size())
                                      + " rules");
                              onChange.accept(accepted);
                            }))
        .onFailure(
            error -> {
              lastError = error.getMessage();
              LOG.warning(
                  "rules in "
                      + path
                      + " refused, previous rules keep running: "
                      + error.getMessage());
            })
        .onComplete(done -> scanning = false);
  }

  private byte[] read() throws IOException {
    if (!path.equals(BUNDLED)) {
      try {
        return Files.readAllBytes(Path.of(path));
      } catch (IOException e) {
        throw new IOException("cannot read the rules file " + path + ": " + e, e);
      }
    }
    try (InputStream in = RulesSource.class.getClassLoader().getResourceAsStream(BUNDLED)) {
      if (in == null) {
        throw new UncheckedIOException(new IOException(BUNDLED + " is missing from the classpath"));
      }
      return in.readAllBytes();
    }
  }

  private CompiledRules compile(byte[] document) {
    return new CompiledRules(
        RuleParser.parse(YamlDocument.parse(path, new String(document, StandardCharsets.UTF_8))),
        path);
  }

  private Future<CompiledRules> checked(CompiledRules rules) {
    String refusal = check.apply(rules);
    return refusal == null ? Future.succeededFuture(rules) : Future.failedFuture(refusal);
  }
}
