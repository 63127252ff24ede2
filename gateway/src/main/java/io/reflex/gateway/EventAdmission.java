package io.reflex.gateway;

import io.reflex.common.event.EventError;
import io.vertx.core.json.JsonObject;

/**
 * A per-event check made at the front door before an event goes to ingestion (tenancy, rate
 * limits).
 */
@FunctionalInterface
public interface EventAdmission {

  EventAdmission ALL = event -> null;

  /**
   * @return why the event is refused, or null to let it through (the check may stamp the event)
   */
  EventError admit(JsonObject event);
}
