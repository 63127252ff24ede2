package io.reflex.ingestion.source.cdc;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One {@code kind: postgres-cdc} entry of {@code ingestion.sources}: a PostgreSQL database whose
 * committed row changes become events, read by logical decoding ({@code pgoutput}) through a
 * replication slot and a publication.
 *
 * @param passwordFile file holding the password (a mounted Secret): the YAML names the file, never
 *     the password
 * @param tables the tables captured, {@code schema.table}, each with its event types per operation
 * @param dataDir standalone: where the source keeps its offsets (the last change acknowledged)
 * @param maxBatch changes handed to ingestion together
 */
public record CdcSettings(
    String name,
    String host,
    int port,
    String database,
    String user,
    String passwordFile,
    String slot,
    String publication,
    List<Table> tables,
    String dataDir,
    int maxBatch,
    boolean snapshot) {

  public static final String KIND = "postgres-cdc";
  static final Set<String> OPERATIONS = Set.of("insert", "update", "delete", "read");

  /**
   * @param types the event type of each operation; by default {@code db.<schema>.<table>.<op>}
   */
  public record Table(String schema, String table, Map<String, String> types) {

    public String qualified() {
      return schema + "." + table;
    }

    public String type(String operation) {
      return types.getOrDefault(operation, "db." + qualified() + "." + operation);
    }
  }

  /**
   * The CDC entries of {@code ingestion.sources}; {@code index} is each one's place, for error
   * messages.
   */
  public static List<CdcSettings> parse(JsonArray sources) {
    List<CdcSettings> parsed = new ArrayList<>();
    for (int i = 0; i < sources.size(); i++) {
      JsonObject json = sources.getJsonObject(i);
      if (KIND.equals(json.getString("kind"))) {
        parsed.add(
            parse(json, "ingestion.sources[" + i + "] (" + json.getString("name", "") + ")"));
      }
    }
    return parsed;
  }

  private static CdcSettings parse(JsonObject json, String where) {
    String name = json.getString("name", "");
    String database = required(json, "database", where);
    String slot = required(json, "slot", where);
    if (!slot.matches("[a-z0-9_]{1,63}")) {
      throw new IllegalArgumentException(
          where
              + ": slot must be lower-case letters, digits and _ (PostgreSQL's "
              + "rule for replication slots), was '"
              + slot
              + "'");
    }
    String publication = required(json, "publication", where);
    if (json.containsKey("password")) {
      throw new IllegalArgumentException(
          where
              + ": a password never goes in the configuration; put it in a file and "
              + "name the file in passwordFile");
    }
    JsonArray tableList = json.getJsonArray("tables", new JsonArray());
    if (tableList.isEmpty()) {
      throw new IllegalArgumentException(
          where + ": tables must list at least one table (schema.table)");
    }
    List<Table> tables = new ArrayList<>();
    for (Object entry : tableList) {
      tables.add(table(entry, where));
    }
    return new CdcSettings(
        name,
        json.getString("host", "127.0.0.1"),
        json.getInteger("port", 5432),
        database,
        required(json, "user", where),
        json.getString("passwordFile", ""),
        slot,
        publication,
        List.copyOf(tables),
        json.getString("dataDir", "data"),
        json.getInteger("maxBatch", 1024),
        json.getBoolean("snapshot", false));
  }

  private static Table table(Object entry, String where) {
    JsonObject table =
        entry instanceof JsonObject object
            ? object
            : new JsonObject().put("name", String.valueOf(entry));
    String qualified = table.getString("name", "");
    String[] parts = qualified.split("\\.");
    if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
      throw new IllegalArgumentException(
          where + ": table '" + qualified + "' must be named schema.table");
    }
    Map<String, String> types = new LinkedHashMap<>();
    JsonObject typeMap = table.getJsonObject("types", new JsonObject());
    for (String operation : typeMap.fieldNames()) {
      if (!OPERATIONS.contains(operation)) {
        throw new IllegalArgumentException(
            where
                + ": table "
                + qualified
                + ": types."
                + operation
                + " is no operation; use insert, update, delete or read");
      }
      types.put(operation, typeMap.getString(operation));
    }
    return new Table(parts[0], parts[1], Map.copyOf(types));
  }

  private static String required(JsonObject json, String key, String where) {
    String value = json.getString(key, "");
    if (value.isBlank()) {
      throw new IllegalArgumentException(where + ": " + key + " is required for kind " + KIND);
    }
    return value;
  }

  /** The captured table, or null when the change comes from a table this source does not list. */
  Table table(String schema, String table) {
    for (Table candidate : tables) {
      if (candidate.schema().equals(schema) && candidate.table().equals(table)) {
        return candidate;
      }
    }
    return null;
  }
}
