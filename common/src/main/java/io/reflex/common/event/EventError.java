package io.reflex.common.event;

import io.vertx.core.json.JsonObject;

/**
 * A precise, machine-readable reason why an event or a frame was refused. The codes are part of
 * wire contract v1 (docs/protocol.md): clients switch on {@code code}, humans read {@code message}.
 */
public record EventError(String code, String message) {

  public static final String INVALID_JSON = "invalid_json";
  public static final String NOT_AN_OBJECT = "not_an_object";
  public static final String MISSING_ATTRIBUTE = "missing_attribute";
  public static final String INVALID_ATTRIBUTE = "invalid_attribute";
  public static final String UNSUPPORTED_SPECVERSION = "unsupported_specversion";
  public static final String TOO_LARGE = "too_large";
  public static final String TOO_MANY_EVENTS = "too_many_events";
  public static final String INVALID_FRAME = "invalid_frame";
  public static final String UNKNOWN_OP = "unknown_op";
  public static final String INVALID_PATTERN = "invalid_pattern";
  public static final String UNKNOWN_SUBSCRIPTION = "unknown_subscription";
  public static final String DUPLICATE_SUBSCRIPTION = "duplicate_subscription";
  public static final String INVALID_PARAMETER = "invalid_parameter";
  public static final String OVERLOADED = "overloaded";
  public static final String UNAVAILABLE = "unavailable";
  public static final String UNAUTHORIZED = "unauthorized";
  public static final String FORBIDDEN = "forbidden";
  public static final String RATE_LIMITED = "rate_limited";

  /** v1.1: a subscription's {@code from} points before the oldest output the log still holds. */
  public static final String CURSOR_EXPIRED = "cursor_expired";

  /** v1.1: a subscription's {@code from} in fast mode, which keeps no output log. */
  public static final String UNSUPPORTED = "unsupported";

  public JsonObject toJson() {
    return new JsonObject().put("code", code).put("message", message);
  }

  public static EventError fromJson(JsonObject json) {
    return new EventError(json.getString("code"), json.getString("message"));
  }
}
