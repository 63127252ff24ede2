package io.reflex.standalone;

import io.reflex.common.testing.ExternalTool;
import io.reflex.common.testing.FreePort;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL cluster for a test: Debian's server binaries, {@code initdb} into a
 * temporary directory, one free loopback port, {@code wal_level=logical}, password authentication
 * over TCP (the password in a file, as a source reads it). PostgreSQL refuses to run as root, so
 * under root (CI) the cluster belongs to the {@code postgres} system user and its commands run
 * through {@code runuser}.
 */
public final class TestPostgres implements AutoCloseable {

  public static final String USER = "reflex";
  static final String PASSWORD = "cdc-test-secret";

  private final Path dir;
  private final Path bin;
  private final int port;

  private TestPostgres(Path dir, Path bin, int port) {
    this.dir = dir;
    this.bin = bin;
    this.port = port;
  }

  public static TestPostgres start() throws Exception {
    Path bin = binaries();
    Path dir = Files.createTempDirectory("reflex-pg");
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    Files.writeString(dir.resolve("password"), PASSWORD);
    if (asRoot()) {
      run(List.of("chown", "-R", "postgres:postgres", dir.toString()), dir);
    }
    TestPostgres postgres = new TestPostgres(dir, bin, FreePort.find());
    postgres.pg(
        "initdb",
        "-D",
        dir.resolve("data").toString(),
        "-U",
        USER,
        "-E",
        "UTF8",
        "--auth-local=trust",
        "--auth-host=scram-sha-256",
        "--pwfile=" + dir.resolve("password"));
    postgres.startServer();
    return postgres;
  }

  public void startServer() throws Exception {
    pg(
        "pg_ctl",
        "-D",
        dir.resolve("data").toString(),
        "-l",
        dir.resolve("server.log").toString(),
        "-w",
        "-t",
        "120",
        "-o",
        "-p "
            + port
            + " -k "
            + dir
            + " -c listen_addresses=127.0.0.1 -c wal_level=logical"
            + " -c max_replication_slots=8 -c max_wal_senders=8 -c fsync=off",
        "start");
  }

  public void stopServer() throws Exception {
    pg("pg_ctl", "-D", dir.resolve("data").toString(), "-m", "fast", "-w", "stop");
  }

  public int port() {
    return port;
  }

  /** The file holding the password, readable by the test JVM. */
  public Path passwordFile() {
    return dir.resolve("password");
  }

  public Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(
        "jdbc:postgresql://127.0.0.1:" + port + "/" + database, USER, PASSWORD);
  }

  public void execute(String database, String... statements) throws SQLException {
    try (Connection connection = connect(database);
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }

  public String log() throws IOException {
    Path log = dir.resolve("server.log");
    return Files.exists(log) ? Files.readString(log) : "";
  }

  @Override
  public void close() throws Exception {
    try {
      pg("pg_ctl", "-D", dir.resolve("data").toString(), "-m", "immediate", "-w", "stop");
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }

  private void pg(String command, String... args) throws Exception {
    List<String> line = new ArrayList<>();
    if (asRoot()) {
      line.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    line.add(bin.resolve(command).toString());
    line.addAll(List.of(args));
    run(line, dir);
  }

  private static void run(List<String> command, Path dir) throws Exception {
    Path output = Files.createTempFile("reflex-pg-command", ".log");
    try {
      Process process =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .start();
      if (!process.waitFor(180, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(command + " did not finish: " + Files.readString(output));
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            command
                + " failed ("
                + process.exitValue()
                + "): "
                + Files.readString(output, StandardCharsets.UTF_8));
      }
    } finally {
      Files.deleteIfExists(output);
    }
  }

  private static boolean asRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  /** The server binaries: Debian keeps them under /usr/lib/postgresql/VERSION/bin, off the PATH. */
  private static Path binaries() throws IOException {
    Path debian = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(debian)) {
      try (Stream<Path> versions = Files.list(debian)) {
        Path found =
            versions
                .map(version -> version.resolve("bin"))
                .filter(b -> Files.isExecutable(b.resolve("initdb")))
                .max(Comparator.comparing(Path::toString))
                .orElse(null);
        if (found != null) {
          return found;
        }
      }
    }
    for (String entry : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(entry, "initdb"))) {
        return Path.of(entry, "initdb").toRealPath().getParent();
      }
    }
    throw ExternalTool.POSTGRESQL.missing(
        "the PostgreSQL change-data-capture tests (DatabaseSourceMeshTest, DatabaseSourceCrashTest)");
  }
}
