package io.reflex.common.testing;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** CloudEvents for tests. */
public final class Events {

  private Events() {}

  public static JsonObject event(String id, String type, String subject, JsonObject data) {
    JsonObject event =
        new JsonObject()
            .put("specversion", "1.0")
            .put("id", id)
            .put("source", "test://client")
            .put("type", type);
    if (subject != null) {
      event.put("subject", subject);
    }
    return data == null ? event : event.put("data", data);
  }

  public static JsonObject metric(String id, String series, double value, Instant time) {
    return event(id, "reflex.metric", series, new JsonObject().put("value", value))
        .put("time", time.toString());
  }

  public static JsonObject shop(String id, String type, String user, String item, Instant time) {
    return event(id, type, user, new JsonObject().put("user", user).put("item", item))
        .put("time", time.toString());
  }
}
