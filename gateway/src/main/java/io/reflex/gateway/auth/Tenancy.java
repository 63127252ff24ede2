package io.reflex.gateway.auth;

import io.reflex.common.event.CloudEvent;
import io.reflex.common.event.EventError;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Keeps a tenant to its own events. A tenant may publish only events whose {@code source} starts
 * with {@code /<tenant>/}; each is stamped with the {@link CloudEvent#TENANT} extension (whatever
 * the client wrote there), which every derived event inherits; and each of its subscription
 * patterns is narrowed to events stamped with its tenant, so no pattern, however broad, can match
 * another tenant's events.
 */
public final class Tenancy {

  private Tenancy() {}

  /** Checks and stamps one event before it is published; null when it may go on. */
  public static EventError admit(Principal principal, JsonObject event) {
    String tenant = principal.tenant();
    if (tenant == null) {
      return null;
    }
    String prefix = sourcePrefix(tenant);
    if (!(event.getValue("source") instanceof String source) || !source.startsWith(prefix)) {
      return new EventError(
          EventError.FORBIDDEN,
          "tenant '"
              + tenant
              + "' may only publish events whose source"
              + " starts with '"
              + prefix
              + "'");
    }
    event.put(CloudEvent.TENANT, tenant);
    return null;
  }

  /** The subscription pattern as the gateway registers it: ANDed with the subscriber's tenant. */
  public static JsonObject narrow(Principal principal, JsonObject pattern) {
    if (principal.tenant() == null) {
      return pattern;
    }
    return pattern.copy().put(CloudEvent.TENANT, new JsonArray().add(principal.tenant()));
  }

  public static String sourcePrefix(String tenant) {
    return "/" + tenant + "/";
  }
}
