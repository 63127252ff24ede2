package io.reflex.ingestion.source;

import io.reflex.common.event.FieldPath;
import io.reflex.ingestion.source.cdc.CdcSettings;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One {@code kind: kafka} entry of {@code ingestion.sources}: Kafka topics consumed as an event
 * source.
 *
 * @param format {@code cloudevents}: records in the CloudEvents Kafka binding (binary or
 *     structured, told apart per record); {@code json}: plain JSON objects made into events by
 *     {@code json}
 * @param json for format {@code json}: how a record becomes an event
 * @param deadLetterTopic where records that cannot be made into a valid event are copied, with the
 *     reason in a {@code reflex-error} header; empty: they are counted and logged only
 */
public record SourceSettings(
    String name,
    List<String> topics,
    String group,
    Format format,
    JsonMapping json,
    String deadLetterTopic,
    int maxBatch) {

  public enum Format {
    CLOUDEVENTS,
    JSON
  }

  static final String KAFKA = "kafka";

  /**
   * @param type the type of every event (required)
   * @param source the source of every event; empty: {@code kafka://<topic>}
   * @param id field path of the event id; null: {@code <topic>-<partition>-<offset>}, stable across
   *     re-reads
   * @param subject field path of the subject, or null
   * @param time field path of the event time (RFC 3339 text or epoch milliseconds), or null: the
   *     record's timestamp
   */
  public record JsonMapping(
      String type, String source, FieldPath id, FieldPath subject, FieldPath time) {}

  /**
   * The Kafka entries ({@code kind: kafka}, the default) of {@code ingestion.sources}; checks every
   * entry's name.
   */
  public static List<SourceSettings> parse(JsonArray sources) {
    List<SourceSettings> parsed = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < sources.size(); i++) {
      JsonObject json = sources.getJsonObject(i);
      String name = json.getString("name", "");
      if (name.isBlank()) {
        throw new IllegalArgumentException("ingestion.sources[" + i + "]: name is required");
      }
      if (!names.add(name)) {
        throw new IllegalArgumentException(
            "ingestion.sources[" + i + "]: name '" + name + "' is used twice");
      }
      String kind = json.getString("kind", KAFKA);
      if (kind.equals(KAFKA)) {
        parsed.add(parse(json, i));
      } else if (!kind.equals(CdcSettings.KIND)) {
        throw new IllegalArgumentException(
            "ingestion.sources["
                + i
                + "] ("
                + name
                + "): kind must be "
                + KAFKA
                + " or "
                + CdcSettings.KIND
                + ", was '"
                + kind
                + "'");
      }
    }
    return parsed;
  }

  private static SourceSettings parse(JsonObject json, int index) {
    String where = "ingestion.sources[" + index + "]";
    String name = json.getString("name");
    List<String> topics = new ArrayList<>();
    json.getJsonArray("topics", new JsonArray())
        .forEach(topic -> topics.add(String.valueOf(topic)));
    if (topics.isEmpty()) {
      throw new IllegalArgumentException(
          where + " (" + name + "): topics must list at least one topic");
    }
    Format format;
    try {
      format = Format.valueOf(json.getString("format", "cloudevents").toUpperCase());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          where
              + " ("
              + name
              + "): format must be cloudevents or json, was '"
              + json.getString("format")
              + "'");
    }
    JsonMapping mapping = null;
    if (format == Format.JSON) {
      JsonObject m = json.getJsonObject("json", new JsonObject());
      String type = m.getString("type", "");
      if (type.isBlank()) {
        throw new IllegalArgumentException(
            where + " (" + name + "): format json needs json.type, the events' type");
      }
      mapping =
          new JsonMapping(
              type, m.getString("source", ""), path(m, "id"), path(m, "subject"), path(m, "time"));
    }
    return new SourceSettings(
        name,
        List.copyOf(topics),
        json.getString("group", "reflex-source-" + name),
        format,
        mapping,
        json.getString("deadLetterTopic", ""),
        json.getInteger("maxBatch", 500));
  }

  private static FieldPath path(JsonObject mapping, String key) {
    String text = mapping.getString(key, "");
    return text.isBlank() ? null : FieldPath.parse(text);
  }
}
