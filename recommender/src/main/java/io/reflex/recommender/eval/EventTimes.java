package io.reflex.recommender.eval;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Parses log timestamps into epoch milliseconds; a bad one is a {@link BadLineException} naming
 * what was expected.
 */
final class EventTimes {
  private static final String MILLIS_OR_ISO = "epoch milliseconds or an ISO-8601 time";

  private EventTimes() {}

  /** Epoch milliseconds, or ISO-8601 (without an offset it is taken as UTC). */
  static long parseMillis(String text) {
    String t = text.trim();
    if (t.matches("-?\\d+")) {
      return Long.parseLong(t);
    }
    String iso = t.replace(' ', 'T'); // "2026-01-01 10:00:00" is common in CSV exports
    try {
      return OffsetDateTime.parse(iso).toInstant().toEpochMilli();
    } catch (DateTimeParseException offsetMissing) {
      try {
        return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC).toEpochMilli();
      } catch (DateTimeParseException notIso) {
        throw BadLineException.expected(MILLIS_OR_ISO, t);
      }
    }
  }

  /** Unix seconds, with or without a fraction (session-rec writes {@code 1396437466.94}). */
  static long parseSeconds(String text) {
    String t = text.trim();
    if (!t.matches("-?\\d+(\\.\\d*)?")) {
      throw BadLineException.expected("unix seconds (e.g. 1396437466 or 1396437466.94)", t);
    }
    return Math.round(Double.parseDouble(t) * 1000);
  }
}
