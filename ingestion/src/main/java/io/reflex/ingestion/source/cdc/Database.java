package io.reflex.ingestion.source.cdc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a CDC source asks its database directly, over JDBC (blocking: call from a worker): whether
 * the publication and the replication slot it is configured with are there, and how far the slot
 * lags behind the write-ahead log.
 */
final class Database {

  private final CdcSettings settings;

  Database(CdcSettings settings) {
    this.settings = settings;
  }

  /**
   * The password from {@code passwordFile}; empty when none is configured (trust or peer
   * authentication).
   */
  String password() {
    if (settings.passwordFile().isBlank()) {
      return "";
    }
    try {
      return Files.readString(Path.of(settings.passwordFile())).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "source "
              + settings.name()
              + ": cannot read passwordFile "
              + settings.passwordFile()
              + ": "
              + e.getMessage(),
          e);
    }
  }

  /**
   * Refuses to stream when the publication is missing or leaves out a captured table, or when the
   * slot is gone although offsets say this source streamed before: a new slot would silently skip
   * every change made since.
   *
   * @throws IllegalStateException naming the publication, table or slot and what to do
   */
  void check(boolean offsetsExist) throws SQLException {
    try (Connection connection = connect()) {
      if (!exists(
          connection, "SELECT 1 FROM pg_publication WHERE pubname = ?", settings.publication())) {
        throw new IllegalStateException(
            "publication '"
                + settings.publication()
                + "' does not exist in database "
                + settings.database()
                + "; create it with CREATE PUBLICATION "
                + settings.publication()
                + " FOR TABLE "
                + String.join(", ", qualifiedTables()));
      }
      List<String> missing = new ArrayList<>();
      for (CdcSettings.Table table : settings.tables()) {
        if (!exists(
            connection,
            "SELECT 1 FROM pg_publication_tables WHERE pubname = ? AND schemaname = ? "
                + "AND tablename = ?",
            settings.publication(),
            table.schema(),
            table.table())) {
          missing.add(table.qualified());
        }
      }
      if (!missing.isEmpty()) {
        throw new IllegalStateException(
            "publication '"
                + settings.publication()
                + "' does not publish "
                + String.join(", ", missing)
                + "; add with ALTER PUBLICATION "
                + settings.publication()
                + " ADD TABLE "
                + String.join(", ", missing));
      }
      if (offsetsExist
          && !exists(
              connection,
              "SELECT 1 FROM pg_replication_slots WHERE slot_name = ?",
              settings.slot())) {
        throw new IllegalStateException(
            "replication slot '"
                + settings.slot()
                + "' is gone (dropped?) although this "
                + "source streamed from it before: changes made since are lost to it. To start over from now, delete the "
                + "source's offsets; Reflex then creates the slot again");
      }
    }
  }

  /** Bytes of write-ahead log the slot has not confirmed yet; -1 when the slot does not exist. */
  long lagBytes() throws SQLException {
    try (Connection connection = connect();
        PreparedStatement query =
            connection.prepareStatement(
                "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), "
                    + "confirmed_flush_lsn) FROM pg_replication_slots WHERE slot_name = ?")) {
      query.setString(1, settings.slot());
      try (ResultSet rows = query.executeQuery()) {
        return rows.next() ? rows.getLong(1) : -1;
      }
    }
  }

  private Connection connect() throws SQLException {
    DriverManager.setLoginTimeout(5);
    return DriverManager.getConnection(
        "jdbc:postgresql://" + settings.host() + ":" + settings.port() + "/" + settings.database(),
        settings.user(),
        password());
  }

  private List<String> qualifiedTables() {
    return settings.tables().stream().map(CdcSettings.Table::qualified).toList();
  }

  private static boolean exists(Connection connection, String sql, String... parameters)
      throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        query.setString(i + 1, parameters[i]);
      }
      try (ResultSet rows = query.executeQuery()) {
        return rows.next();
      }
    }
  }
}
