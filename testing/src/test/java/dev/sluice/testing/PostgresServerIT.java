package dev.sluice.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresServerIT {

  @Test
  void sharedServerStoresAndReturnsRows() throws SQLException {
    PostgresServer pg = PostgresServer.shared();
    assertThat(PostgresServer.shared()).isSameAs(pg);
    assertThat(pg.host()).isEqualTo("127.0.0.1");

    String url = pg.createDatabase("it_rows");
    assertThat(url).isEqualTo("jdbc:postgresql://127.0.0.1:" + pg.port() + "/it_rows");
    assertThat(pg.createDatabase("it_rows")).isEqualTo(url);

    try (Connection c = DriverManager.getConnection(url, pg.user(), pg.password())) {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE item (id int PRIMARY KEY, name text NOT NULL)");
      }
      insertItems(c, 100);
      assertThat(readItems(c)).hasSize(100).startsWith("item-0", "item-1").endsWith("item-99");
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT sum(id), current_database() FROM item")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong(1)).isEqualTo(4950);
        assertThat(rs.getString(2)).isEqualTo("it_rows");
      }
    }
  }

  @Test
  void closingTheSharedServerLeavesItRunning() throws SQLException {
    PostgresServer pg = PostgresServer.shared();
    pg.close();
    try (Connection c =
            DriverManager.getConnection(pg.jdbcUrl("postgres"), pg.user(), pg.password());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT 41 + 1")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getInt(1)).isEqualTo(42);
    }
  }

  @Test
  void persistentServerKeepsRowsAcrossRestart(@TempDir Path dir) throws SQLException {
    int port;
    String url;
    try (PostgresServer pg = PostgresServer.start(dir, 0)) {
      port = pg.port();
      url = pg.createDatabase("keep");
      try (Connection c = DriverManager.getConnection(url, pg.user(), pg.password());
          Statement s = c.createStatement()) {
        s.execute("CREATE TABLE item (id int PRIMARY KEY, name text NOT NULL)");
        insertItems(c, 10);
      }
    }
    assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", "postgres").close())
        .isInstanceOf(SQLException.class);

    try (PostgresServer pg = PostgresServer.start(dir, port)) {
      assertThat(pg.port()).isEqualTo(port);
      assertThat(pg.jdbcUrl("keep")).isEqualTo(url);
      try (Connection c = DriverManager.getConnection(url, pg.user(), pg.password())) {
        assertThat(readItems(c)).hasSize(10).contains("item-0", "item-9");
      }
    }
    assertThat(dir.resolve("postgres.log")).isNotEmptyFile();
  }

  @Test
  void aServerOnADataDirectoryIsCrashSafeTheSharedOneIsFast(@TempDir Path dir) throws SQLException {
    // sluice local keeps its data in such a server: it must survive a crash of the machine.
    try (PostgresServer pg = PostgresServer.start(dir, 0)) {
      assertThat(settings(pg)).containsExactly("on", "on", "on");
    }
    assertThat(settings(PostgresServer.shared())).containsExactly("off", "off", "off");
  }

  private static List<String> settings(PostgresServer pg) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Connection c =
            DriverManager.getConnection(pg.jdbcUrl("postgres"), pg.user(), pg.password());
        Statement s = c.createStatement()) {
      for (String name : List.of("fsync", "synchronous_commit", "full_page_writes")) {
        try (ResultSet rs = s.executeQuery("SHOW " + name)) {
          assertThat(rs.next()).isTrue();
          values.add(rs.getString(1));
        }
      }
    }
    return values;
  }

  private static void insertItems(Connection c, int count) throws SQLException {
    try (PreparedStatement insert = c.prepareStatement("INSERT INTO item VALUES (?, ?)")) {
      for (int i = 0; i < count; i++) {
        insert.setInt(1, i);
        insert.setString(2, "item-" + i);
        insert.addBatch();
      }
      assertThat(insert.executeBatch()).hasSize(count).containsOnly(1);
    }
  }

  private static List<String> readItems(Connection c) throws SQLException {
    List<String> names = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT name FROM item ORDER BY id")) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
    }
    return names;
  }
}
