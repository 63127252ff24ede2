package io.reflex.anomaly.nab;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** NAB timestamps ({@code yyyy-MM-dd HH:mm:ss}, no zone) read as UTC event time. */
public final class NabTime {
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private NabTime() {}

  public static long toEpochMillis(String timestamp) {
    return LocalDateTime.parse(timestamp, FORMAT).toInstant(ZoneOffset.UTC).toEpochMilli();
  }
}
