package io.reflex.recommender.eval;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Parses log timestamps: epoch milliseconds, or ISO-8601 (without an offset it is taken as UTC). */
final class EventTimes {
    private EventTimes() {
    }

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
                return Instant.parse(iso).toEpochMilli(); // throws with the original text in the message
            }
        }
    }
}
