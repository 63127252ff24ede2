package io.reflex.ingestion;

import io.reflex.common.config.ConfigTree;
import io.reflex.ingestion.source.SourceSettings;
import io.reflex.ingestion.source.cdc.CdcSettings;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Every setting of ingestion ({@code ingestion.*}), read once at start; the defaults are those of
 * {@code reflex-defaults.yaml}.
 */
record IngestionSettings(
    int maxEventBytes,
    long dedupWindowMs,
    int dedupMaxEntries,
    Routing routing,
    List<SourceSettings> sources,
    List<CdcSettings> databaseSources) {

  /**
   * @param config the ingestion verticle's configuration, possibly partial
   */
  static IngestionSettings from(JsonObject config) {
    ConfigTree ingestion = ConfigTree.of("ingestion", config);
    ConfigTree dedup = ingestion.at("dedup");
    return new IngestionSettings(
        ingestion.integer("maxEventBytes"),
        dedup.wholeNumber("windowSeconds") * 1000,
        dedup.integer("maxEntries"),
        Routing.from(ingestion.at("routing")),
        SourceSettings.parse(ingestion.list("sources")),
        CdcSettings.parse(ingestion.list("sources")));
  }

  /**
   * Fast mode's bound on accepted events the router has not delivered on ({@link RoutingWindow}).
   */
  record Routing(int maxEventsInFlight, int maxEventsWaiting, long timeoutMs) {
    static Routing from(ConfigTree routing) {
      return new Routing(
          routing.integer("maxEventsInFlight"),
          routing.integer("maxEventsWaiting"),
          routing.wholeNumber("timeoutMs"));
    }
  }
}
