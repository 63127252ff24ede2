package io.reflex.standalone.demo;

import io.reflex.common.event.CloudEvent;
import io.reflex.recommender.model.Interaction;
import io.reflex.recommender.sim.ShopperSimulator;
import io.reflex.recommender.sim.SimulatorSettings;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/** The recommender's shopper simulator, turned into {@code shop.*} CloudEvents. */
final class ShopperEvents {

  private static final Map<String, String> TYPES =
      Map.of("VIEW", "shop.view", "CART", "shop.cart", "PURCHASE", "shop.purchase");

  private final ShopperSimulator simulator = new ShopperSimulator(SimulatorSettings.defaults(7));
  private long sequence;

  CloudEvent next() {
    Interaction interaction = simulator.next();
    JsonObject data =
        new JsonObject().put("user", interaction.user()).put("item", interaction.item());
    if (interaction.session() != null) {
      data.put("session", interaction.session());
    }
    if (interaction.type().name().equals("PURCHASE")) {
      // A stable price per item, so some purchases are large enough for the big-purchase rule.
      data.put("amount", 5 + Math.floorMod(interaction.item().hashCode(), 700));
    }
    return CloudEvent.builder()
        .id("demo-shop-" + sequence++)
        .source("demo://shop")
        .type(TYPES.get(interaction.type().name()))
        .subject(interaction.user())
        .time(interaction.timeMillis())
        .data(data)
        .build();
  }
}
