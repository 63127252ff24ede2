package io.reflex.ingestion.source.cdc;

import java.util.Properties;
import java.util.stream.Collectors;

/** The Debezium engine and PostgreSQL connector settings of a CDC source. */
final class EngineProperties {

  private EngineProperties() {}

  static Properties of(CdcSettings settings, CdcOffsets offsets, String password) {
    Properties engine = new Properties();
    engine.setProperty("name", "reflex-cdc-" + settings.name());
    engine.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
    offsets.configure(engine);
    // Stored after every batch, and a batch is acknowledged only once ingestion took it: what a
    // restart re-reads is
    // at most the batch in flight, which ingestion answers "duplicate".
    engine.setProperty("offset.flush.interval.ms", "0");
    engine.setProperty("database.hostname", settings.host());
    engine.setProperty("database.port", String.valueOf(settings.port()));
    engine.setProperty("database.user", settings.user());
    engine.setProperty("database.password", password);
    engine.setProperty("database.dbname", settings.database());
    engine.setProperty("topic.prefix", settings.name());
    engine.setProperty("plugin.name", "pgoutput");
    engine.setProperty("slot.name", settings.slot());
    engine.setProperty("publication.name", settings.publication());
    // The publication is the database owner's decision: a missing one is reported, not created with
    // guessed tables.
    engine.setProperty("publication.autocreate.mode", "disabled");
    engine.setProperty(
        "table.include.list",
        settings.tables().stream()
            .map(table -> table.schema() + "\\." + table.table())
            .collect(Collectors.joining(",")));
    engine.setProperty("snapshot.mode", settings.snapshot() ? "initial" : "no_data");
    engine.setProperty("tombstones.on.delete", "false");
    // Numbers as JSON numbers, so that rules can compare them (the default encodes decimals as
    // bytes).
    engine.setProperty("decimal.handling.mode", "double");
    engine.setProperty("converter.schemas.enable", "false");
    engine.setProperty("max.batch.size", String.valueOf(settings.maxBatch()));
    // Reflex restarts the engine itself, backing off and saying why in readiness, instead of
    // Debezium retrying quietly.
    engine.setProperty("errors.max.retries", "0");
    return engine;
  }
}
