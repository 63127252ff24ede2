package io.reflex.client;

import io.vertx.core.json.JsonObject;

/**
 * The gateway's verdict on one event (wire contract §2.2).
 *
 * @param id the event's {@code id} as submitted
 * @param status accepted, duplicate or rejected
 * @param errorCode the error code when rejected (e.g. {@code missing_attribute}), otherwise {@code
 *     null}
 * @param message the error message for people when rejected, otherwise {@code null}
 */
public record PublishResult(Object id, Status status, String errorCode, String message) {

  public enum Status {
    ACCEPTED,
    DUPLICATE,
    REJECTED
  }

  /** Accepted or duplicate: the mesh has the event either way. */
  public boolean delivered() {
    return status != Status.REJECTED;
  }

  static PublishResult from(JsonObject result) {
    Status status =
        switch (result.getString("status", "")) {
          case "accepted" -> Status.ACCEPTED;
          case "duplicate" -> Status.DUPLICATE;
          default -> Status.REJECTED;
        };
    JsonObject error = result.getJsonObject("error");
    return new PublishResult(
        result.getValue("id"),
        status,
        error == null ? null : error.getString("code"),
        error == null ? null : error.getString("message"));
  }
}
