package io.reflex.common.event;

import io.reflex.common.json.JsonText;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * A CloudEvent 1.0 in structured JSON form.
 *
 * <p>The event is parsed once at the edge and this object travels between local verticles as is
 * (see {@link io.reflex.common.bus.CloudEventCodec}), so it must be treated as immutable: every
 * change goes through a {@code with...} method that copies. The text is cached once written (pushes
 * to clients and the event log need it; between nodes an event travels as its tree, see {@code
 * EventWire}).
 */
public final class CloudEvent {

  public static final String SPEC_VERSION = "1.0";

  /** Extension naming the event that caused an output event. */
  public static final String CAUSATION_ID = "causationid";

  /** Extension naming the rule that produced an output event. */
  public static final String RULE_ID = "ruleid";

  /** Extension counting how many rule emissions led to this event (guards against rule loops). */
  public static final String DEPTH = "reflexdepth";

  /**
   * Extension naming the tenant an event belongs to: stamped by the gateway from the publisher's
   * token, carried over to every event derived from it, and used to keep a tenant's subscriptions
   * to its own events.
   */
  public static final String TENANT = "reflextenant";

  /**
   * Extension marking an event re-processed from the event log by {@code reflex replay}, and every
   * output derived from it, so consumers can tell a replay's outputs from the live ones.
   */
  public static final String REPLAYED = "reflexreplayed";

  private final JsonObject json;
  private String encoded;

  private long timeMillis = Long.MIN_VALUE;

  // The attributes every service reads, some several times per event, kept once read: a lookup in
  // the event's map each time was an eighth of a loaded mesh's CPU samples. Racy but safe (as
  // String's hash): the values are immutable and any reader computes the same one.
  private String id;
  private String source;
  private String type;
  private String subject;
  private String time;

  private CloudEvent(JsonObject json, String encoded) {
    this.json = json;
    this.encoded = encoded;
  }

  /** Wraps a JSON object that the caller hands over and never changes again. */
  public static CloudEvent wrap(JsonObject json) {
    return new CloudEvent(json, null);
  }

  /** Wraps a JSON object together with the exact text it was parsed from. */
  public static CloudEvent wrap(JsonObject json, String encoded) {
    return new CloudEvent(json, encoded);
  }

  public static Builder builder() {
    return new Builder();
  }

  public JsonObject json() {
    return json;
  }

  public String encode() {
    String e = encoded;
    if (e == null) {
      e = JsonText.encode(json);
      encoded = e;
    }
    return e;
  }

  public String id() {
    String v = id;
    if (v == null) {
      v = string("id");
      id = v;
    }
    return v;
  }

  public String source() {
    String v = source;
    if (v == null) {
      v = string("source");
      source = v;
    }
    return v;
  }

  public String type() {
    String v = type;
    if (v == null) {
      v = string("type");
      type = v;
    }
    return v;
  }

  public String subject() {
    String v = subject;
    if (v == null) {
      v = string("subject");
      subject = v;
    }
    return v;
  }

  public String time() {
    String v = time;
    if (v == null) {
      v = string("time");
      time = v;
    }
    return v;
  }

  public Object data() {
    return json.getValue("data");
  }

  public JsonObject dataObject() {
    Object d = json.getValue("data");
    return d instanceof JsonObject o ? o : null;
  }

  public String causationId() {
    return string(CAUSATION_ID);
  }

  public int depth() {
    Object d = json.getValue(DEPTH);
    return d instanceof Number n ? n.intValue() : 0;
  }

  /** Identity of an event for deduplication: (source, id). */
  public String identity() {
    return source() + '\u0000' + id();
  }

  /**
   * Event time in epoch milliseconds. Callers must only ask for it after validation, which
   * guarantees that {@code time} is present and well formed.
   */
  public long timeMillis() {
    long t = timeMillis;
    if (t == Long.MIN_VALUE) {
      t = parseTime(time());
      timeMillis = t;
    }
    return t;
  }

  /** Returns a copy of this event with one attribute set. */
  public CloudEvent with(String attribute, Object value) {
    JsonObject copy = json.copy();
    copy.put(attribute, value);
    return new CloudEvent(copy, null);
  }

  static long parseTime(String time) {
    long utc = parseUtcTime(time);
    if (utc != Long.MIN_VALUE) {
      return utc;
    }
    try {
      return OffsetDateTime.parse(time).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      return Instant.parse(time).toEpochMilli();
    }
  }

  /**
   * The form nearly every client sends, {@code yyyy-MM-ddTHH:mm:ss[.fraction]Z}, read without
   * java.time's formatter (which showed as 7% of the mesh's CPU samples: the time is read by
   * validation and again by each emit). Returns {@code Long.MIN_VALUE} for anything else, which the
   * full RFC 3339 parser then decides on.
   */
  private static long parseUtcTime(String time) {
    int length = time.length();
    if (length < 20
        || length > 30
        || time.charAt(4) != '-'
        || time.charAt(7) != '-'
        || time.charAt(10) != 'T'
        || time.charAt(13) != ':'
        || time.charAt(16) != ':'
        || time.charAt(length - 1) != 'Z') {
      return Long.MIN_VALUE;
    }
    int year = digits(time, 0, 4);
    int month = digits(time, 5, 7);
    int day = digits(time, 8, 10);
    int hour = digits(time, 11, 13);
    int minute = digits(time, 14, 16);
    int second = digits(time, 17, 19);
    int millis = 0;
    if (length > 20) {
      int fractionDigits = length - 21;
      if (time.charAt(19) != '.'
          || fractionDigits < 1
          || fractionDigits > 9
          || digits(time, 20, length - 1) < 0) {
        return Long.MIN_VALUE;
      }
      millis = digits(time, 20, Math.min(23, length - 1));
      for (int i = fractionDigits; i < 3; i++) {
        millis *= 10;
      }
    }
    if (year < 0
        || month < 1
        || month > 12
        || day < 1
        || day > 28
        || hour < 0
        || hour > 23
        || minute < 0
        || minute > 59
        || second < 0
        || second > 59) {
      return Long
          .MIN_VALUE; // days 29-31 and leap seconds need the calendar: the full parser checks them
    }
    long epochDay = LocalDate.of(year, month, day).toEpochDay();
    return ((epochDay * 24 + hour) * 60 + minute) * 60_000L + second * 1000L + millis;
  }

  /**
   * The time as {@link Instant#toString} writes it ({@code 2026-12-03T08:00:00Z}, or with {@code
   * .123} when there are milliseconds), without its formatter: every output event is stamped, and
   * the formatter's garbage showed as 4% of a loaded mesh's allocation. Years outside 1970-9999 go
   * through {@link Instant}.
   */
  static String formatTime(long epochMillis) {
    if (epochMillis < 0 || epochMillis >= 253_402_300_800_000L) {
      return Instant.ofEpochMilli(epochMillis).toString();
    }
    long days = epochMillis / 86_400_000L;
    int millisOfDay = (int) (epochMillis % 86_400_000L);
    // Civil date from days since 1970-01-01 (H. Hinnant's algorithm), in 400-year eras starting
    // 0000-03-01.
    long z = days + 719_468;
    long era = z / 146_097;
    long dayOfEra = z - era * 146_097;
    long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
    long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    long monthIndex = (5 * dayOfYear + 2) / 153;
    int day = (int) (dayOfYear - (153 * monthIndex + 2) / 5 + 1);
    int month = (int) (monthIndex < 10 ? monthIndex + 3 : monthIndex - 9);
    int year = (int) (yearOfEra + era * 400 + (month <= 2 ? 1 : 0));
    int millis = millisOfDay % 1000;
    char[] text = new char[millis == 0 ? 20 : 24];
    put(text, 0, year, 4);
    text[4] = '-';
    put(text, 5, month, 2);
    text[7] = '-';
    put(text, 8, day, 2);
    text[10] = 'T';
    put(text, 11, millisOfDay / 3_600_000, 2);
    text[13] = ':';
    put(text, 14, millisOfDay / 60_000 % 60, 2);
    text[16] = ':';
    put(text, 17, millisOfDay / 1000 % 60, 2);
    if (millis != 0) {
      text[19] = '.';
      put(text, 20, millis, 3);
    }
    text[text.length - 1] = 'Z';
    return new String(text);
  }

  private static void put(char[] text, int at, int value, int digits) {
    for (int i = at + digits - 1; i >= at; i--) {
      text[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }

  /**
   * The decimal value of {@code text[from, to)}, or -1 unless every character is an ASCII digit.
   */
  private static int digits(String text, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private String string(String name) {
    Object v = json.getMap().get(name); // getValue would also check for maps and lists to wrap
    return v instanceof String s ? s : null;
  }

  @Override
  public String toString() {
    return encode();
  }

  /** Builds output events; {@code specversion} is always 1.0. */
  public static final class Builder {
    private final JsonObject json = new JsonObject().put("specversion", SPEC_VERSION);

    public Builder id(String id) {
      json.put("id", id);
      return this;
    }

    public Builder source(String source) {
      json.put("source", source);
      return this;
    }

    public Builder type(String type) {
      json.put("type", type);
      return this;
    }

    public Builder subject(String subject) {
      if (subject != null) {
        json.put("subject", subject);
      }
      return this;
    }

    public Builder time(long epochMillis) {
      json.put("time", formatTime(epochMillis));
      return this;
    }

    /** Links this output to the event that caused it, one step deeper in the chain of emissions. */
    public Builder causedBy(CloudEvent cause) {
      json.put(CAUSATION_ID, cause.id());
      json.put(DEPTH, cause.depth() + 1);
      if (cause.json().getValue(TENANT) instanceof String tenant) {
        json.put(TENANT, tenant);
      }
      if (Boolean.TRUE.equals(cause.json().getValue(REPLAYED))) {
        json.put(REPLAYED, true);
      }
      return this;
    }

    public Builder rule(String ruleId) {
      if (ruleId != null) {
        json.put(RULE_ID, ruleId);
      }
      return this;
    }

    public Builder data(Object data) {
      json.put("datacontenttype", "application/json");
      json.put("data", data);
      return this;
    }

    public CloudEvent build() {
      return new CloudEvent(json, null);
    }
  }
}
