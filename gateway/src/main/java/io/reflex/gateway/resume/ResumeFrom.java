package io.reflex.gateway.resume;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Where a resumed subscription starts: {@code subscribe}'s {@code from} (wire contract v1.1). */
public sealed interface ResumeFrom {

  /** The oldest output the log still holds. */
  record Earliest() implements ResumeFrom {}

  /** Just after the output this cursor points at. */
  record After(Cursor cursor) implements ResumeFrom {}

  /** The first output written at or after this time. */
  record Since(Instant time) implements ResumeFrom {}

  /**
   * @throws IllegalArgumentException with what a {@code from} may be
   */
  static ResumeFrom parse(Object from) {
    if (!(from instanceof String text) || text.isEmpty()) {
      throw new IllegalArgumentException(
          "'from' must be a string: a cursor from an event frame, \"earliest\" or an "
              + "RFC 3339 time");
    }
    if (text.equals("earliest")) {
      return new Earliest();
    }
    if (text.contains("T")) {
      try {
        return new Since(OffsetDateTime.parse(text).toInstant());
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(
            "'from' "
                + text
                + " is not an RFC 3339 time with a zone, e.g. "
                + "2026-12-03T08:00:00Z");
      }
    }
    try {
      return new After(Cursor.parse(text));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "'from' " + e.getMessage() + ", \"earliest\" or an RFC 3339 time");
    }
  }
}
