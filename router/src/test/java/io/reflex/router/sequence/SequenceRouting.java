package io.reflex.router.sequence;

import io.reflex.common.event.CloudEvent;
import io.reflex.common.event.LogPosition;
import io.reflex.router.rules.CompiledRules;
import io.reflex.router.rules.Matches;
import io.reflex.router.rules.RuleParser;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Two sequence rules and what the router does with a batch of events for them (match, gather the
 * steps, one store update per rule and key), over any store: the test fixture of the store-backed
 * sequences.
 */
final class SequenceRouting {

  /**
   * Brute force: 3 failed logins then a success within a minute; abandoned cart: a cart, no
   * purchase in 30 minutes.
   */
  static final CompiledRules RULES =
      new CompiledRules(
          RuleParser.parse(
              new JsonObject()
                  .put(
                      "rules",
                      new JsonArray()
                          .add(
                              SequenceDriver.sequence(
                                      "1m",
                                      SequenceDriver.step("auth.failed").put("atLeast", 3),
                                      SequenceDriver.step("auth.succeeded"))
                                  .put("id", "brute-force")
                                  .put("actions", emit("brute-force")))
                          .add(
                              SequenceDriver.sequence(
                                      "30m",
                                      SequenceDriver.step("shop.cart"),
                                      SequenceDriver.not("shop.purchase"))
                                  .put("id", "abandoned-cart")
                                  .put("actions", emit("abandoned"))))),
          "test");

  static final SequenceLimits LIMITS = new SequenceLimits(16, 5_000);

  private SequenceRouting() {}

  private static JsonArray emit(String type) {
    return new JsonArray().add(new JsonObject().put("emit", new JsonObject().put("type", type)));
  }

  static CloudEvent event(String type, String subject, long second) {
    return CloudEvent.wrap(SequenceDriver.cloudEvent(type, subject, second, new JsonObject()));
  }

  /** Routes one batch, as seen by a replica at {@code now}; returns the updates it sent. */
  static List<Sequences.Update> route(Sequences sequences, RouterTime now, CloudEvent... batch) {
    SequenceBatch steps = new SequenceBatch();
    for (CloudEvent event : batch) {
      for (Matches.StepHits hits : RULES.match(event).sequences()) {
        steps.add(hits.rule(), event, LogPosition.NONE, hits.steps());
      }
    }
    return sequences.advance(steps, now);
  }

  /** The matches the updates completed, as "rule/key", once every update has answered. */
  static List<String> fired(List<Sequences.Update> updates) throws Exception {
    List<String> fired = new ArrayList<>();
    for (Sequences.Update update : updates) {
      Outcome outcome = update.outcome().await(30, TimeUnit.SECONDS);
      outcome.matches().forEach(match -> fired.add(update.rule().id() + "/" + outcome.key()));
    }
    return fired;
  }

  /** The matches of every window the replica closes at {@code now}. */
  static List<String> closeDue(Sequences sequences, RouterTime now) throws Exception {
    return fired(sequences.closeDue(RULES::sequence, now).await(30, TimeUnit.SECONDS));
  }

  static Future<List<Sequences.Update>> closeDueAsync(Sequences sequences, RouterTime now) {
    return sequences.closeDue(RULES::sequence, now);
  }
}
