package io.reflex.recommender;

import io.reflex.common.config.ConfigTree;
import io.reflex.common.event.CloudEvent;
import io.reflex.recommender.model.Interaction;
import io.reflex.recommender.model.InteractionType;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * Reads shopping events into interactions. Which event types mean view, cart and purchase, and
 * which data fields hold the user, item and session, come from configuration ({@code
 * recommender.mapping}), so a retailer's own event names work without a translation step.
 */
final class ShopEvents {

  private final Map<String, InteractionType> types;
  private final String userField;
  private final String itemField;
  private final String sessionField;

  /**
   * @param mapping {@code recommender.mapping}
   */
  ShopEvents(ConfigTree mapping) {
    ConfigTree typeNames = mapping.at("types");
    this.types =
        Map.of(
            typeNames.text("view"), InteractionType.VIEW,
            typeNames.text("cart"), InteractionType.CART,
            typeNames.text("purchase"), InteractionType.PURCHASE);
    this.userField = mapping.text("user");
    this.itemField = mapping.text("item");
    this.sessionField = mapping.text("session");
  }

  /** The interaction an event records, or null when it is not a well-formed shopping event. */
  Interaction read(CloudEvent event) {
    InteractionType type = types.get(event.type());
    JsonObject data = event.dataObject();
    if (type == null || data == null) {
      return null;
    }
    String user = text(data.getValue(userField));
    String item = text(data.getValue(itemField));
    if (user == null || item == null) {
      return null;
    }
    return new Interaction(user, item, type, event.timeMillis(), text(data.getValue(sessionField)));
  }

  private static String text(Object value) {
    if (value instanceof String s && !s.isEmpty()) {
      return s;
    }
    return value instanceof Number n ? n.toString() : null;
  }
}
