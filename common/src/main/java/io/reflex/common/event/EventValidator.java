package io.reflex.common.event;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Checks an event against CloudEvents 1.0 (structured JSON) and Reflex's size limit. Returns the
 * first problem found, naming the attribute, or {@code null} when the event is valid.
 */
public final class EventValidator {

  /** String attributes and whether each is required, in the order problems are reported. */
  private static final Map<String, Boolean> STRING_ATTRIBUTES = orderedAttributes();

  private final int maxEventBytes;

  /**
   * The last {@code source} found to be a URI-reference: a producer sends many events from one
   * source, and parsing it as a URI for each was a good part of validation's cost. A value, so
   * sharing it between threads is harmless.
   */
  private String lastValidSource;

  public EventValidator(int maxEventBytes) {
    this.maxEventBytes = maxEventBytes;
  }

  private static Map<String, Boolean> orderedAttributes() {
    Map<String, Boolean> attributes = new LinkedHashMap<>();
    for (String required : new String[] {"specversion", "id", "source", "type"}) {
      attributes.put(required, true);
    }
    for (String optional : new String[] {"subject", "time", "datacontenttype", "dataschema"}) {
      attributes.put(optional, false);
    }
    return attributes;
  }

  public EventError validate(CloudEvent event) {
    JsonObject json = event.json();
    for (Map.Entry<String, Boolean> attribute : STRING_ATTRIBUTES.entrySet()) {
      String name = attribute.getKey();
      Object value = json.getValue(name);
      if (value == null) {
        if (attribute.getValue()) {
          return new EventError(
              EventError.MISSING_ATTRIBUTE, "required attribute '" + name + "' is missing");
        }
      } else if (!(value instanceof String s)) {
        return new EventError(
            EventError.INVALID_ATTRIBUTE, "attribute '" + name + "' must be a string");
      } else if (s.isEmpty() && attribute.getValue()) {
        return new EventError(
            EventError.INVALID_ATTRIBUTE, "attribute '" + name + "' must not be empty");
      }
    }
    if (!CloudEvent.SPEC_VERSION.equals(json.getString("specversion"))) {
      return new EventError(
          EventError.UNSUPPORTED_SPECVERSION,
          "specversion '" + json.getString("specversion") + "' is not supported; use \"1.0\"");
    }
    String source = json.getString("source");
    EventError problem = source.equals(lastValidSource) ? null : checkUri(json, "source");
    if (problem == null) {
      lastValidSource = source;
      problem = checkUri(json, "dataschema");
    }
    if (problem == null) {
      problem = checkTime(event);
    }
    if (problem == null) {
      problem = checkExtensionNames(json);
    }
    if (problem == null && JsonSize.atMost(json) > maxEventBytes) {
      int bytes = utf8Length(event.encode());
      if (bytes > maxEventBytes) {
        problem =
            new EventError(
                EventError.TOO_LARGE,
                "event is " + bytes + " bytes; the limit is " + maxEventBytes);
      }
    }
    return problem;
  }

  /** UTF-8 size without encoding: a character takes 1 to 4 bytes (a surrogate pair 4 in all). */
  private static int utf8Length(String text) {
    int bytes = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
    }
    return bytes;
  }

  private static EventError checkUri(JsonObject json, String name) {
    String value = json.getString(name);
    if (value == null) {
      return null;
    }
    try {
      new URI(value);
      return null;
    } catch (URISyntaxException e) {
      return new EventError(
          EventError.INVALID_ATTRIBUTE,
          "attribute '" + name + "' is not a URI-reference: " + e.getReason());
    }
  }

  /** Parses {@code time} through the event, which keeps the result for everyone after. */
  private static EventError checkTime(CloudEvent event) {
    String time = event.time();
    if (time == null) {
      return null;
    }
    try {
      event.timeMillis();
      return null;
    } catch (RuntimeException e) {
      return new EventError(
          EventError.INVALID_ATTRIBUTE,
          "attribute 'time' must be an RFC 3339 timestamp such as 2026-01-31T12:00:00Z, got '"
              + time
              + "'");
    }
  }

  private static EventError checkExtensionNames(JsonObject json) {
    for (String name : json.fieldNames()) {
      if (!name.equals("data") && !name.equals("data_base64") && !isAttributeName(name)) {
        return new EventError(
            EventError.INVALID_ATTRIBUTE,
            "attribute name '"
                + name
                + "' is invalid: CloudEvents attribute names are 1-20 characters a-z or 0-9");
      }
    }
    return null;
  }

  /** 1-20 characters a-z or 0-9 (CloudEvents 1.0, attribute naming). */
  private static boolean isAttributeName(String name) {
    if (name.isEmpty() || name.length() > 20) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if ((c < 'a' || c > 'z') && (c < '0' || c > '9')) {
        return false;
      }
    }
    return true;
  }
}
