package io.reflex.router;

import io.reflex.common.bus.Addresses;
import io.reflex.common.bus.Codecs;
import io.reflex.common.event.CloudEvent;
import io.reflex.common.event.EventBatch;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The real router verticle on the test's Vert.x (VertxExtension's), with its rules in a file:
 * events go in on {@code reflex.router.route}, and every output event the router publishes on
 * {@code reflex.gateway.output} is kept, in arrival order.
 */
public final class RouterHarness {

  private final Vertx vertx;
  private final Path rules;
  private final List<CloudEvent> outputs = new CopyOnWriteArrayList<>();

  /**
   * Starts a router on the rules document {@code document} (YAML or JSON), saved to {@code rules}.
   */
  public RouterHarness(Vertx vertx, Path rules, String document) throws Exception {
    this.vertx = vertx;
    this.rules = rules;
    save(document);
    Codecs.register(vertx);
    vertx
        .eventBus()
        .<EventBatch>consumer(
            Addresses.GATEWAY_OUTPUT, message -> outputs.addAll(message.body().events()))
        .completion()
        .await(30, TimeUnit.SECONDS);
    JsonObject config =
        new JsonObject()
            .put("rules", new JsonObject().put("path", rules.toString()).put("scanPeriodMs", 100))
            .put("sequence", new JsonObject().put("timerPeriodMs", 50));
    vertx
        .deployVerticle(new RouterVerticle(), new DeploymentOptions().setConfig(config))
        .await(60, TimeUnit.SECONDS);
  }

  /** Sends one batch to the router. */
  public void route(JsonObject... events) {
    vertx
        .eventBus()
        .send(
            Addresses.ROUTER_ROUTE,
            new EventBatch(Arrays.stream(events).map(CloudEvent::wrap).toList()));
  }

  /** Waits up to 10 s for an output event matching the condition, which may have come already. */
  public CloudEvent await(Predicate<CloudEvent> condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      for (CloudEvent output : outputs) {
        if (condition.test(output)) {
          return output;
        }
      }
      Thread.sleep(10);
    }
    throw new AssertionError(
        "no output event as expected within 10 s; got "
            + outputs.stream().map(CloudEvent::encode).toList());
  }

  /** The output events so far. */
  public List<CloudEvent> outputs() {
    return List.copyOf(outputs);
  }

  /** Replaces the rules file in one move and waits until the router runs the new version. */
  public void reload(String document) throws Exception {
    int before = rulesVersion();
    save(document);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (rulesVersion() == before) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("rules not reloaded within 10 s");
      }
      Thread.sleep(20);
    }
  }

  private int rulesVersion() throws Exception {
    return vertx
        .eventBus()
        .<JsonObject>request(Addresses.ROUTER_RULES_LIST, new JsonObject())
        .await(10, TimeUnit.SECONDS)
        .body()
        .getInteger("version");
  }

  private void save(String document) throws Exception {
    save(rules, document);
  }

  /**
   * Writes the whole file at once, as an editor's save or a ConfigMap swap does, so a scan never
   * sees half of it.
   */
  public static void save(Path file, String content) throws Exception {
    Path temp = Files.writeString(file.resolveSibling(file.getFileName() + ".tmp"), content);
    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
