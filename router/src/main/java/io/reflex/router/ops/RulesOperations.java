package io.reflex.router.ops;

import io.reflex.common.bus.Addresses;
import io.reflex.common.event.CloudEvent;
import io.reflex.common.event.EventError;
import io.reflex.common.event.EventValidator;
import io.reflex.router.action.Action;
import io.reflex.router.action.Deliver;
import io.reflex.router.action.Emit;
import io.reflex.router.action.Publish;
import io.reflex.router.explain.RuleExplainer;
import io.reflex.router.rules.CompiledRules;
import io.reflex.router.rules.InvalidRulesException;
import io.reflex.router.rules.Matches;
import io.reflex.router.rules.Rule;
import io.reflex.router.rules.RuleError;
import io.reflex.router.rules.RuleParser;
import io.reflex.router.rules.RulesSource;
import io.reflex.router.sequence.SequenceRule;
import io.reflex.router.sequence.Sequences;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The router's answers to the rule operations (list, validate, test, explain), on admin-only
 * event-bus addresses. Nothing here changes routing: a tested or explained event is matched, not
 * routed, and sequence state is only read.
 */
public final class RulesOperations {

  private static final int MAX_EVENT_BYTES = 1 << 20;

  private final Vertx vertx;
  private final Supplier<CompiledRules> current;
  private final RulesSource source;
  private final ToDoubleFunction<String> hits;
  private final Sequences sequences;

  public RulesOperations(
      Vertx vertx,
      Supplier<CompiledRules> current,
      RulesSource source,
      ToDoubleFunction<String> hits,
      Sequences sequences) {
    this.vertx = vertx;
    this.current = current;
    this.source = source;
    this.hits = hits;
    this.sequences = sequences;
  }

  public Future<?> register() {
    return Future.all(
        vertx.eventBus().<JsonObject>consumer(Addresses.ROUTER_RULES_LIST, this::list).completion(),
        vertx
            .eventBus()
            .<String>consumer(Addresses.ROUTER_RULES_VALIDATE, this::validate)
            .completion(),
        vertx.eventBus().<JsonObject>consumer(Addresses.ROUTER_RULES_TEST, this::test).completion(),
        vertx
            .eventBus()
            .<JsonObject>consumer(Addresses.ROUTER_RULES_EXPLAIN, this::explain)
            .completion());
  }

  private void list(Message<JsonObject> message) {
    CompiledRules rules = current.get();
    JsonArray listed = new JsonArray();
    for (Rule rule : rules.rules()) {
      listed.add(
          new JsonObject()
              .put("id", rule.id())
              .put("kind", "field")
              .put("description", rule.description())
              .put("hits", (long) hits.applyAsDouble(rule.id())));
    }
    for (SequenceRule rule : rules.sequences()) {
      listed.add(
          new JsonObject()
              .put("id", rule.id())
              .put("kind", "sequence")
              .put("description", rule.description())
              .put("by", rule.by().text())
              .put("hits", (long) hits.applyAsDouble(rule.id())));
    }
    message.reply(
        new JsonObject()
            .put("origin", rules.origin())
            .put("version", source.version())
            .put("lastError", source.lastError())
            .put("rules", listed));
  }

  private void validate(Message<String> message) {
    compile(message.body())
        .onSuccess(
            rules ->
                message.reply(
                    new JsonObject()
                        .put("valid", true)
                        .put("rules", rules.rules().size() + rules.sequences().size())
                        .put("errors", new JsonArray())))
        .onFailure(
            error ->
                message.reply(new JsonObject().put("valid", false).put("errors", errors(error))));
  }

  private void test(Message<JsonObject> message) {
    answer(
        message,
        (compiled, event) -> Future.succeededFuture(describe(compiled.match(event), event)));
  }

  /**
   * Why each rule matches the event or not; sequence rules are explained against the live state of
   * the key.
   */
  private void explain(Message<JsonObject> message) {
    answer(
        message,
        (compiled, event) -> {
          RuleExplainer explainer = new RuleExplainer(compiled, sequences.limits());
          return explainer
              .heldFor(event, sequences::held)
              .compose(held -> vertx.executeBlocking(() -> explainer.explain(event, held), false));
        });
  }

  /**
   * Answers a request {@code {"event": {...}, "rules": optional document}} with what {@code query}
   * says of the event under the given rules, or under the running ones.
   */
  private void answer(
      Message<JsonObject> message,
      BiFunction<CompiledRules, CloudEvent, Future<JsonObject>> query) {
    JsonObject request = message.body();
    if (!(request.getValue("event") instanceof JsonObject json)) {
      message.reply(
          new JsonObject().put("error", "the request needs 'event': a CloudEvent object"));
      return;
    }
    CloudEvent event =
        CloudEvent.wrap(
            json.containsKey("time")
                ? json.copy()
                : json.copy().put("time", Instant.now().toString()));
    EventError problem = new EventValidator(MAX_EVENT_BYTES).validate(event);
    if (problem != null) {
      message.reply(new JsonObject().put("error", problem.message()));
      return;
    }
    Object document = request.getValue("rules");
    Future<CompiledRules> rules =
        document instanceof String text ? compile(text) : Future.succeededFuture(current.get());
    rules
        .onFailure(
            error ->
                message.reply(
                    new JsonObject()
                        .put("error", "the rules document is invalid")
                        .put("errors", errors(error))))
        .onSuccess(
            compiled ->
                query
                    .apply(compiled, event)
                    .onSuccess(message::reply)
                    .onFailure(
                        error ->
                            message.reply(
                                new JsonObject()
                                    .put("error", String.valueOf(error.getMessage())))));
  }

  /**
   * What would happen: each matching field rule with what its actions would do, and each sequence
   * step matched. Also used by the offline {@code reflex rules test}, so both answer the same.
   */
  public static JsonObject describe(Matches matches, CloudEvent event) {
    JsonArray rules = new JsonArray();
    for (Rule rule : matches.rules()) {
      JsonArray actions = new JsonArray();
      for (Action action : rule.actions()) {
        if (action instanceof Deliver deliver) {
          actions.add(new JsonObject().put("deliver", deliver.service()));
        } else if (action instanceof Emit emit) {
          actions.add(
              new JsonObject().put("emit", emit.derive(rule.id(), event, event.json()).json()));
        } else if (action instanceof Publish publish) {
          actions.add(new JsonObject().put("publish", publish.topic()));
        }
      }
      rules.add(
          new JsonObject().put("rule", rule.id()).put("kind", "field").put("actions", actions));
    }
    for (Matches.StepHits hit : matches.sequences()) {
      JsonArray steps = new JsonArray();
      for (int i = 0; i < hit.steps().length; i++) {
        if (hit.steps()[i]) {
          steps.add(i);
        }
      }
      if (!steps.isEmpty()) {
        rules.add(
            new JsonObject()
                .put("rule", hit.rule().id())
                .put("kind", "sequence")
                .put("steps", steps));
      }
    }
    return new JsonObject().put("matches", rules);
  }

  /**
   * Parses and compiles a rules document (YAML, or JSON which is YAML too) on a worker: it may hold
   * many patterns.
   */
  private Future<CompiledRules> compile(String text) {
    return vertx.executeBlocking(
        () -> new CompiledRules(RuleParser.parse(read(text)), "request"), false);
  }

  private static JsonObject read(String text) {
    Object loaded;
    try {
      loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
    } catch (RuntimeException e) {
      throw new InvalidRulesException(
          List.of(new RuleError("-", "-", "not valid YAML or JSON: " + e.getMessage())));
    }
    if (!(loaded instanceof Map<?, ?> map)) {
      throw new InvalidRulesException(
          List.of(new RuleError("-", "rules", "the document has no 'rules' list")));
    }
    return new JsonObject(Json.encode(map));
  }

  private static JsonArray errors(Throwable error) {
    JsonArray errors = new JsonArray();
    if (error instanceof InvalidRulesException invalid) {
      invalid
          .errors()
          .forEach(
              e ->
                  errors.add(
                      new JsonObject()
                          .put("rule", e.rule())
                          .put("field", e.field())
                          .put("reason", e.reason())
                          .put("message", e.toString())));
    } else {
      errors.add(
          new JsonObject()
              .put("rule", "-")
              .put("field", "-")
              .put("reason", String.valueOf(error.getMessage())));
    }
    return errors;
  }
}
