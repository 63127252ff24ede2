package io.reflex.common.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EventValidatorTest {

  private final EventValidator validator = new EventValidator(1024);

  private static JsonObject valid() {
    return new JsonObject()
        .put("specversion", "1.0")
        .put("id", "e1")
        .put("source", "urn:sensor:1")
        .put("type", "reflex.metric")
        .put("time", "2026-01-31T12:00:00Z")
        .put("data", new JsonObject().put("value", 1));
  }

  private EventError check(JsonObject json) {
    return validator.validate(CloudEvent.wrap(json));
  }

  @Test
  @DisplayName("a complete CloudEvent passes")
  void validEvent() {
    assertThat(check(valid())).isNull();
    assertThat(check(valid().put("time", "2026-01-31T12:00:00.123+02:00").put("myext", 5)))
        .isNull();
  }

  @Test
  @DisplayName("each missing required attribute is named")
  void missingAttributes() {
    for (String name : new String[] {"id", "source", "type", "specversion"}) {
      JsonObject json = valid();
      json.remove(name);
      assertThat(check(json))
          .isEqualTo(
              new EventError(
                  EventError.MISSING_ATTRIBUTE, "required attribute '" + name + "' is missing"));
    }
  }

  @Test
  @DisplayName(
      "wrong types, empty values, bad specversion, time and attribute names are refused precisely")
  void invalidAttributes() {
    assertThat(check(valid().put("id", 5)).code()).isEqualTo(EventError.INVALID_ATTRIBUTE);
    assertThat(check(valid().put("id", "")).message()).contains("'id' must not be empty");
    assertThat(check(valid().put("specversion", "0.3")).code())
        .isEqualTo(EventError.UNSUPPORTED_SPECVERSION);
    assertThat(check(valid().put("time", "yesterday")).message()).contains("'time'");
    assertThat(check(valid().put("subject", 7)).message()).contains("'subject' must be a string");
    assertThat(check(valid().put("source", "not a uri")).message()).contains("'source'");
    assertThat(check(valid().put("Bad_Name", 1)).message()).contains("'Bad_Name'");
  }

  @Test
  @DisplayName("an event above the size limit is too_large")
  void tooLarge() {
    EventError error = check(valid().put("data", new JsonObject().put("blob", "x".repeat(2000))));
    assertThat(error.code()).isEqualTo(EventError.TOO_LARGE);
    assertThat(error.message()).contains("limit is 1024");
  }

  @Test
  @DisplayName("event time is read from RFC 3339 with or without an offset")
  void eventTime() {
    assertThat(CloudEvent.wrap(valid()).timeMillis()).isEqualTo(1_769_860_800_000L);
    assertThat(CloudEvent.wrap(valid().put("time", "2026-01-31T14:00:00+02:00")).timeMillis())
        .isEqualTo(1_769_860_800_000L);
  }

  @Test
  @DisplayName(
      "UTC event times read the same on the fast path as with java.time, and invalid dates stay invalid")
  void utcEventTimesAgreeWithJavaTime() {
    for (String time :
        List.of(
            "2026-01-31T12:00:00Z",
            "2026-03-01T10:00:00.5Z",
            "2026-03-01T10:00:00.25Z",
            "2026-03-01T10:00:00.123Z",
            "2026-03-01T10:00:00.123456789Z",
            "1969-12-31T23:59:59.999Z",
            "2024-02-29T00:00:00Z",
            "2026-12-31T23:59:59Z",
            "0001-01-01T00:00:00Z")) {
      assertThat(CloudEvent.wrap(valid().put("time", time)).timeMillis())
          .as(time)
          .isEqualTo(java.time.Instant.parse(time).toEpochMilli());
    }
    for (String time :
        List.of(
            "2026-02-29T00:00:00Z",
            "2026-13-01T00:00:00Z",
            "2026-01-01T00:60:00Z",
            "2026-01-01T00:00:00.1234567890Z",
            "2026-1-01T00:00:00Z",
            "2026-01-01T00:00:0xZ")) {
      assertThat(check(valid().put("time", time)).code())
          .as(time)
          .isEqualTo(EventError.INVALID_ATTRIBUTE);
    }
  }
}
