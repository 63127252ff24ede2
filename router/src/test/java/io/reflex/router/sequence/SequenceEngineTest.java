package io.reflex.router.sequence;

import static io.reflex.router.sequence.SequenceDriver.cloudEvent;
import static io.reflex.router.sequence.SequenceDriver.not;
import static io.reflex.router.sequence.SequenceDriver.sequence;
import static io.reflex.router.sequence.SequenceDriver.step;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SequenceEngineTest {

  private static JsonObject bruteForce() {
    return sequence("1m", step("auth.failed").put("atLeast", 3), step("auth.succeeded"));
  }

  @Test
  @DisplayName(
      "three failed logins then a success within a minute complete the match once, per subject")
  void atLeastThenNext() {
    SequenceDriver driver = new SequenceDriver(bruteForce());
    driver.event("auth.failed", "alice", 0);
    driver.event("auth.failed", "bob", 1);
    driver.event("auth.failed", "alice", 10);
    assertThat(driver.event("auth.succeeded", "alice", 15)).as("only two failures yet").isEmpty();
    driver.event("auth.failed", "alice", 20);
    driver.event("auth.failed", "alice", 21);
    driver.event("auth.failed", "alice", 22);
    var fired = driver.event("auth.succeeded", "alice", 30);
    assertThat(fired).as("the oldest partial match, from 0 s, wins").hasSize(1);
    assertThat(fired.get(0).getJsonArray("counts")).containsExactly(5, 1);
    assertThat(fired.get(0).getString("key")).isEqualTo("alice");
    assertThat(fired.get(0).getJsonArray("steps").getJsonObject(0).getString("time"))
        .isEqualTo("1970-01-01T00:00:00Z");
    assertThat(fired.get(0).getString("firstTime")).isEqualTo("1970-01-01T00:00:00Z");
    assertThat(fired.get(0).getString("lastTime")).isEqualTo("1970-01-01T00:00:30Z");
    assertThat(fired.get(0).getString("subject"))
        .as("the completing event's own fields")
        .isEqualTo("alice");
    assertThat(driver.event("auth.succeeded", "bob", 31)).isEmpty();
  }

  @Test
  @DisplayName(
      "the window runs on event time from the first step: late successes do not complete, later starts still can")
  void within() {
    SequenceDriver driver = new SequenceDriver(bruteForce());
    driver.event("auth.failed", "alice", 0);
    driver.event("auth.failed", "alice", 40);
    driver.event("auth.failed", "alice", 50);
    assertThat(driver.event("auth.succeeded", "alice", 61))
        .as("61 s after the first failure")
        .isEmpty();
    driver.event("auth.failed", "alice", 70);
    assertThat(driver.event("auth.succeeded", "alice", 80))
        .as("40, 50, 70 then 80: inside a minute")
        .hasSize(1);
  }

  @Test
  @DisplayName("times n takes exactly n events, times [n, m] at least n and at most m")
  void times() {
    SequenceDriver exact = new SequenceDriver(sequence("1h", step("a").put("times", 2), step("b")));
    exact.event("a", "k", 0);
    assertThat(exact.event("b", "k", 1)).isEmpty();
    exact.event("a", "k", 2);
    exact.event("a", "k", 3);
    assertThat(exact.event("b", "k", 4))
        .hasSize(1)
        .first()
        .satisfies(m -> assertThat(m.getJsonArray("counts")).containsExactly(2, 1));

    SequenceDriver range =
        new SequenceDriver(
            sequence(
                "1h",
                step("a").put("times", new JsonArray().add(2).add(3)),
                step("b").put("times", 2)));
    range.event("a", "k", 0);
    range.event("a", "k", 1);
    range.event("a", "k", 2);
    range.event("a", "k", 3);
    assertThat(range.event("b", "k", 4)).as("b needs two").isEmpty();
    var fired = range.event("b", "k", 5);
    assertThat(fired).hasSize(1);
    assertThat(fired.get(0).getJsonArray("counts")).containsExactly(3, 2);
  }

  @Test
  @DisplayName(
      "relaxed contiguity lets other events of the key pass; strict contiguity breaks on them")
  void contiguity() {
    JsonObject rule = sequence("1h", step("a"), step("b"));
    SequenceDriver relaxed = new SequenceDriver(rule);
    relaxed.event("a", "k", 0);
    relaxed.event("noise", "k", 1);
    assertThat(relaxed.event("b", "k", 2)).hasSize(1);

    SequenceDriver strict = new SequenceDriver(rule.copy().put("contiguity", "strict"));
    strict.event("a", "k", 0);
    strict.event("noise", "k", 1);
    assertThat(strict.event("b", "k", 2)).isEmpty();
    strict.event("a", "k", 3);
    strict.event("noise", "other-key", 4);
    assertThat(strict.event("b", "k", 5)).as("another key's events do not break it").hasSize(1);
  }

  @Test
  @DisplayName(
      "a 'not' between two steps cancels the partial match when the unwanted event comes between them")
  void absenceBetween() {
    SequenceDriver driver = new SequenceDriver(sequence("1h", step("a"), not("x"), step("b")));
    driver.event("a", "k", 0);
    driver.event("x", "k", 1);
    assertThat(driver.event("b", "k", 2)).isEmpty();
    driver.event("a", "k", 3);
    assertThat(driver.event("b", "k", 4)).hasSize(1);
  }

  @Test
  @DisplayName(
      "a trailing 'not' fires when the window closes without the event, and never if the event comes")
  void trailingAbsence() {
    SequenceDriver driver =
        new SequenceDriver(sequence("30m", step("shop.cart"), not("shop.purchase")));
    driver.event("shop.cart", "ann", 0, new JsonObject().put("item", "tea"));
    driver.event("shop.cart", "bob", 0);
    driver.event("shop.purchase", "bob", 600);
    assertThat(driver.expire("ann", 1800))
        .as("the window is still open at its last millisecond")
        .isEmpty();
    assertThat(driver.expire("bob", 1801)).isEmpty();
    var fired = driver.expire("ann", 1801);
    assertThat(fired).hasSize(1);
    assertThat(
            fired
                .get(0)
                .getJsonArray("steps")
                .getJsonObject(0)
                .getJsonObject("data")
                .getString("item"))
        .isEqualTo("tea");
    assertThat(driver.state).as("state expires with the window").isEmpty();
  }

  @Test
  @DisplayName(
      "a later event of the rule and key also closes the window, once its time is past the lateness allowance")
  void absenceClosedByLaterEvent() {
    SequenceDriver driver =
        new SequenceDriver(sequence("30m", step("shop.cart"), not("shop.purchase")));
    driver.event("shop.cart", "ann", 0);
    assertThat(driver.event("shop.cart", "ann", 1803))
        .as("1803 - 5 s allowance is before the end")
        .isEmpty();
    assertThat(driver.event("shop.cart", "ann", 1806)).hasSize(1);
    assertThat(driver.lastOutcome.partials())
        .as("the two later carts wait for their own windows")
        .isEqualTo(2);
  }

  @Test
  @DisplayName(
      "out-of-order events within the allowance still count; older ones are dropped as late")
  void outOfOrder() {
    SequenceDriver driver = new SequenceDriver(sequence("1m", step("a"), step("b")));
    driver.event("a", "k", 100);
    driver.event("a", "k", 110);
    assertThat(driver.event("b", "k", 106)).as("4 s late, inside the 5 s allowance").hasSize(1);

    driver.event("a", "k", 200);
    driver.event("a", "k", 230);
    assertThat(driver.event("b", "k", 210)).as("20 s late").isEmpty();
    assertThat(driver.late).isEqualTo(1);
    assertThat(driver.event("b", "k", 231)).hasSize(1);
  }

  @Test
  @DisplayName(
      "after a match, skip-past-last-event drops overlapping partial matches; no-skip lets them fire too")
  void afterMatch() {
    SequenceDriver skip = new SequenceDriver(bruteForce());
    for (int i = 0; i < 4; i++) {
      skip.event("auth.failed", "k", i);
    }
    assertThat(skip.event("auth.succeeded", "k", 5)).hasSize(1);
    assertThat(skip.event("auth.succeeded", "k", 6)).isEmpty();

    SequenceDriver noSkip = new SequenceDriver(bruteForce().put("afterMatch", "no-skip"));
    for (int i = 0; i < 4; i++) {
      noSkip.event("auth.failed", "k", i);
    }
    assertThat(noSkip.event("auth.succeeded", "k", 5))
        .as("started at 0 and at 1 both have three failures")
        .hasSize(2);
  }

  @Test
  @DisplayName("partial matches per key and rule are capped, the oldest dropped and counted")
  void cap() {
    SequenceDriver driver =
        new SequenceDriver(
            sequence("1h", step("a").put("times", 5), step("b")), new SequenceLimits(2, 5_000));
    driver.event("a", "k", 0);
    driver.event("a", "k", 1);
    driver.event("a", "k", 2);
    assertThat(driver.dropped).isEqualTo(1);
    assertThat(driver.lastOutcome.partials()).isEqualTo(2);
  }

  @Test
  @DisplayName("differs compares a field with an earlier step's event: purchases in two countries")
  void differs() {
    SequenceDriver driver =
        new SequenceDriver(
            sequence(
                "1h",
                step("shop.purchase"),
                step("shop.purchase")
                    .put("differs", new JsonObject().put("field", "data.country").put("from", 0))));
    driver.event("shop.purchase", "u", 0, new JsonObject().put("country", "FR"));
    assertThat(driver.event("shop.purchase", "u", 10, new JsonObject().put("country", "FR")))
        .isEmpty();
    var fired = driver.event("shop.purchase", "u", 20, new JsonObject().put("country", "DE"));
    assertThat(fired).hasSize(1);
    assertThat(
            fired
                .get(0)
                .getJsonArray("steps")
                .getJsonObject(0)
                .getJsonObject("data")
                .getString("country"))
        .isEqualTo("FR");
  }

  @Test
  @DisplayName(
      "stored state carries on under an unchanged rule (a reload) and starts afresh under a changed one")
  void stateAcrossReloads() {
    SequenceDriver before = new SequenceDriver(sequence("1h", step("a"), step("b")));
    before.event("a", "k", 0);
    SequenceDriver same = new SequenceDriver(sequence("1h", step("a"), step("b")));
    same.state.putAll(before.state);
    assertThat(same.event("b", "k", 1)).hasSize(1);
    SequenceDriver changed = new SequenceDriver(sequence("2h", step("a"), step("b")));
    changed.state.putAll(before.state);
    assertThat(changed.event("b", "k", 1)).isEmpty();
  }

  @Test
  @DisplayName("events without the key are ignored by the rule")
  void missingKey() {
    SequenceDriver driver =
        new SequenceDriver(sequence("1h", step("a"), step("b")).put("by", "data.user"));
    driver.event("a", "k", 0, new JsonObject().put("user", "u1"));
    driver.event("b", "k", 1);
    assertThat(driver.state).containsOnlyKeys("u1");
    assertThat(driver.event("b", "k", 2, new JsonObject().put("user", "u1"))).hasSize(1);
  }

  @Test
  @DisplayName(
      "the events of a key that come in one batch, taken in one update, do what they do one at a time")
  void batchOfOneKey() {
    SequenceDriver oneByOne = new SequenceDriver(bruteForce());
    SequenceDriver batched = new SequenceDriver(bruteForce());
    List<JsonObject> events =
        List.of(
            cloudEvent("auth.failed", "eve", 0, new JsonObject()),
            cloudEvent("auth.failed", "eve", 5, new JsonObject()),
            cloudEvent("auth.failed", "eve", 20, new JsonObject()),
            cloudEvent("auth.failed", "eve", 1, new JsonObject()),
            cloudEvent("noise", "eve", 21, new JsonObject()),
            cloudEvent("auth.succeeded", "eve", 30, new JsonObject()),
            cloudEvent("auth.succeeded", "eve", 31, new JsonObject()));
    List<JsonObject> fired = new ArrayList<>();
    for (JsonObject event : events) {
      fired.addAll(oneByOne.batch("eve", event));
    }
    assertThat(batched.batch("eve", events.toArray(new JsonObject[0]))).isEqualTo(fired).hasSize(1);
    assertThat(batched.late)
        .as("1 s is 19 s behind the key's clock")
        .isEqualTo(oneByOne.late)
        .isEqualTo(1);
    assertThat(batched.state.get("eve")).isEqualTo(oneByOne.state.get("eve"));
  }

  @Test
  @DisplayName(
      "expiring a key twice, with the same or a later watermark, fires its closed window once")
  void expiryIsIdempotent() {
    SequenceDriver driver =
        new SequenceDriver(sequence("30m", step("shop.cart"), not("shop.purchase")));
    driver.event("shop.cart", "ann", 0);
    driver.event("shop.cart", "ann", 1000);
    assertThat(driver.expire("ann", 1801)).hasSize(1);
    assertThat(driver.expire("ann", 1801)).isEmpty();
    assertThat(driver.expire("ann", 2500))
        .as("only the second cart's window is left, still open")
        .isEmpty();
    assertThat(driver.lastOutcome.nextDeadline()).isEqualTo(2_800_000);
    assertThat(driver.expire("ann", 2801)).hasSize(1);
    assertThat(driver.expire("ann", 9999)).isEmpty();
    assertThat(driver.state).isEmpty();
  }

  @Test
  @DisplayName(
      "a batch from the event log routed again (the router retried it) is not counted twice: the match "
          + "completes once, with the true counts, and a retry after it fires nothing")
  void retriedLogBatchesCountOnce() {
    SequenceDriver driver = new SequenceDriver(bruteForce());
    JsonObject[] failures = {
      cloudEvent("auth.failed", "eve", 0, new JsonObject()),
      cloudEvent("auth.failed", "eve", 1, new JsonObject()),
      cloudEvent("auth.failed", "eve", 2, new JsonObject())
    };
    JsonObject success = cloudEvent("auth.succeeded", "eve", 3, new JsonObject());
    assertThat(driver.loggedBatch("eve", 10, failures)).isEmpty();
    assertThat(driver.loggedBatch("eve", 10, failures)).as("the same records again").isEmpty();
    List<JsonObject> fired =
        driver.loggedBatch("eve", 10, failures[0], failures[1], failures[2], success);
    assertThat(fired).as("polled again with the success in the same batch").hasSize(1);
    assertThat(fired.get(0).getJsonArray("counts")).containsExactly(3, 1);
    assertThat(driver.loggedBatch("eve", 10, failures[0], failures[1], failures[2], success))
        .as("after the match, the whole batch once more")
        .isEmpty();
    assertThat(driver.state)
        .as("kept for the retry window, to recognise such repeats")
        .containsKey("eve");
    assertThat(driver.lastWake().wallTime()).isEqualTo(SequenceEngine.RETRY_WINDOW_MS);
    assertThat(driver.expire("eve", 10_000)).isEmpty();
    assertThat(driver.state).as("removed at its wake").isEmpty();
  }
}
