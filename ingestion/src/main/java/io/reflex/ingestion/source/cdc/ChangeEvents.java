package io.reflex.ingestion.source.cdc;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.StringJoiner;

/**
 * Makes a CloudEvent of one row change as Debezium's PostgreSQL connector reports it (JSON, no
 * schemas): {@code type} {@code db.<schema>.<table>.<op>} (or the table's own type for the
 * operation), {@code subject} the row key, {@code time} the commit time, {@code data} {@code
 * {"after":..}} plus {@code "before"} on update and delete, and {@code id} the change's log
 * position. A bulk {@code COPY} writes many rows in one WAL record, so the position alone does not
 * tell its rows apart: the row key is part of the id, which stays the same however often the change
 * is read.
 */
final class ChangeEvents {

  static final String SOURCE_PREFIX = "postgres-cdc://";

  private ChangeEvents() {}

  /**
   * @return the event, or null for a change of a table the source does not list (the publication
   *     names more tables)
   * @throws IllegalArgumentException why the change is no event
   */
  static JsonObject toEvent(CdcSettings settings, JsonObject key, JsonObject change) {
    JsonObject position = change.getJsonObject("source");
    if (position == null) {
      throw new IllegalArgumentException("a change without its source block: " + change.encode());
    }
    CdcSettings.Table table =
        settings.table(position.getString("schema"), position.getString("table"));
    if (table == null) {
      return null;
    }
    String operation = operation(change.getString("op"));
    String subject = subject(key);
    JsonObject data = new JsonObject().put("after", change.getJsonObject("after"));
    if (!operation.equals("insert") && !operation.equals("read")) {
      data.put("before", change.getJsonObject("before"));
    }
    JsonObject event =
        new JsonObject()
            .put("specversion", "1.0")
            .put("id", id(position, subject))
            .put("source", SOURCE_PREFIX + settings.name() + "/" + settings.database())
            .put("type", table.type(operation));
    if (subject != null) {
      event.put("subject", subject);
    }
    return event
        .put("time", commitTime(position).toString())
        .put("datacontenttype", "application/json")
        .put("data", data);
  }

  static String operation(String op) {
    return switch (op == null ? "" : op) {
      case "c" -> "insert";
      case "u" -> "update";
      case "d" -> "delete";
      case "r" -> "read";
      default -> throw new IllegalArgumentException("unknown change operation '" + op + "'");
    };
  }

  /**
   * The key's column values joined with '/', in key order; null for a table without a primary key.
   */
  private static String subject(JsonObject key) {
    if (key == null || key.isEmpty()) {
      return null;
    }
    StringJoiner joined = new StringJoiner("/");
    key.forEach(column -> joined.add(String.valueOf(column.getValue())));
    return joined.toString();
  }

  private static String id(JsonObject position, String subject) {
    Object lsn = position.getValue("lsn");
    if (lsn == null) {
      throw new IllegalArgumentException(
          "a change without its log position (lsn): " + position.encode());
    }
    return "lsn-" + lsn + (subject == null ? "" : "/" + subject);
  }

  private static Instant commitTime(JsonObject position) {
    Long micros = position.getLong("ts_us");
    return micros != null
        ? Instant.EPOCH.plusNanos(micros * 1000)
        : Instant.ofEpochMilli(position.getLong("ts_ms"));
  }
}
