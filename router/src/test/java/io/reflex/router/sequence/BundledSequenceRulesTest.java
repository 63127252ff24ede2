package io.reflex.router.sequence;

import static org.assertj.core.api.Assertions.assertThat;

import io.reflex.common.event.CloudEvent;
import io.reflex.router.action.Emit;
import io.reflex.router.rules.RulesSource;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The sequence rules shipped in the default rules, each with an example that fires and one that
 * does not.
 */
class BundledSequenceRulesTest {

  private static SequenceDriver bundled(String id) {
    try (InputStream in =
        RulesSource.class.getClassLoader().getResourceAsStream(RulesSource.BUNDLED)) {
      JsonObject document = new JsonObject(Json.encode(new Yaml().<Map<String, Object>>load(in)));
      return new SequenceDriver(
          document.getJsonArray("rules").stream()
              .map(JsonObject.class::cast)
              .filter(rule -> id.equals(rule.getString("id")))
              .findFirst()
              .orElseThrow());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What the rule's emit action makes of a match. */
  private static CloudEvent emitted(SequenceDriver driver, JsonObject match) {
    Emit emit = (Emit) driver.rule.actions().get(0);
    return emit.derive(driver.rule.id(), CloudEvent.wrap(SequenceEngine.causeOf(match)), match);
  }

  @Test
  @DisplayName(
      "brute-force login: 3 failures then a success within a minute raise security.brute-force-suspected")
  void bruteForce() {
    SequenceDriver driver = bundled("brute-force-login");
    driver.event("auth.failed", "carol", 0);
    driver.event("auth.failed", "carol", 5);
    assertThat(driver.event("auth.succeeded", "carol", 8)).isEmpty();
    driver.event("auth.failed", "dave", 100);
    driver.event("auth.failed", "dave", 110);
    driver.event("auth.failed", "dave", 120);
    List<JsonObject> fired = driver.event("auth.succeeded", "dave", 130);
    assertThat(fired).hasSize(1);
    CloudEvent alert = emitted(driver, fired.get(0));
    assertThat(alert.type()).isEqualTo("security.brute-force-suspected");
    assertThat(alert.subject()).isEqualTo("dave");
    assertThat(alert.dataObject().getInteger("failures")).isEqualTo(3);
    assertThat(alert.dataObject().getString("firstFailure")).isEqualTo("1970-01-01T00:01:40Z");
    assertThat(alert.causationId()).isEqualTo("auth.succeeded-130-dave");
  }

  @Test
  @DisplayName(
      "abandoned cart: a cart and no purchase within 30 minutes raise shop.cart-abandoned when the window closes")
  void abandonedCart() {
    SequenceDriver driver = bundled("abandoned-cart");
    driver.event("shop.cart", "x", 0, new JsonObject().put("user", "u1").put("item", "kettle"));
    driver.event("shop.cart", "x", 0, new JsonObject().put("user", "u2").put("item", "mug"));
    driver.event("shop.purchase", "x", 900, new JsonObject().put("user", "u2").put("item", "mug"));
    assertThat(driver.expire("u2", 1801)).isEmpty();
    List<JsonObject> fired = driver.expire("u1", 1801);
    assertThat(fired).hasSize(1);
    CloudEvent abandoned = emitted(driver, fired.get(0));
    assertThat(abandoned.type()).isEqualTo("shop.cart-abandoned");
    assertThat(abandoned.dataObject())
        .isEqualTo(
            new JsonObject()
                .put("user", "u1")
                .put("item", "kettle")
                .put("cartAt", "1970-01-01T00:00:00Z"));
  }

  @Test
  @DisplayName(
      "IoT: three readings above 90 within 10 minutes and then the door opening raise iot.door-opened-while-hot")
  void hotThenDoor() {
    SequenceDriver driver = bundled("overheating-then-door-open");
    JsonObject hot = new JsonObject().put("device", "d1").put("value", 95);
    driver.event("reflex.metric", "temperature/d1", 0, hot);
    driver.event("reflex.metric", "temperature/d1", 60, hot.copy().put("value", 50));
    driver.event("reflex.metric", "temperature/d1", 120, hot);
    assertThat(
            driver.event(
                "iot.door",
                "door/d1",
                130,
                new JsonObject().put("device", "d1").put("state", "open")))
        .as("two hot readings only")
        .isEmpty();
    driver.event("reflex.metric", "temperature/d1", 180, hot.copy().put("value", 97));
    List<JsonObject> fired =
        driver.event(
            "iot.door", "door/d1", 200, new JsonObject().put("device", "d1").put("state", "open"));
    assertThat(fired).hasSize(1);
    assertThat(emitted(driver, fired.get(0)).dataObject().getInteger("hotReadings")).isEqualTo(3);
  }

  @Test
  @DisplayName(
      "fraud: purchases from two countries within an hour raise shop.fraud-suspected; same country does not")
  void twoCountries() {
    SequenceDriver driver = bundled("purchases-in-two-countries");
    driver.event(
        "shop.purchase",
        "x",
        0,
        new JsonObject().put("user", "u").put("country", "FR").put("amount", 20));
    assertThat(
            driver.event(
                "shop.purchase",
                "x",
                60,
                new JsonObject().put("user", "u").put("country", "FR").put("amount", 30)))
        .isEmpty();
    List<JsonObject> fired =
        driver.event(
            "shop.purchase",
            "x",
            120,
            new JsonObject().put("user", "u").put("country", "BR").put("amount", 900));
    assertThat(fired).hasSize(1);
    JsonObject data = emitted(driver, fired.get(0)).dataObject();
    assertThat(data.getString("firstCountry")).isEqualTo("FR");
    assertThat(data.getString("secondCountry")).isEqualTo("BR");
    assertThat(data.getJsonArray("amounts")).containsExactly(20, 900);
    assertThat(
            driver.event(
                "shop.purchase", "x", 4000, new JsonObject().put("user", "v").put("country", "BR")))
        .isEmpty();
  }
}
