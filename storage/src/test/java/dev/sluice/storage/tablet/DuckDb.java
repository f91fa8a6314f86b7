package dev.sluice.storage.tablet;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** DuckDB in memory, offline, as an independent Parquet reader. */
final class DuckDb implements AutoCloseable {

  private final Connection connection;

  DuckDb() throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("autoinstall_known_extensions", "false");
    properties.setProperty("autoload_known_extensions", "false");
    connection = DriverManager.getConnection("jdbc:duckdb:", properties);
  }

  static String source(Path file) {
    return "read_parquet('" + file.toAbsolutePath().toString().replace("'", "''") + "')";
  }

  /** Rows of the query, each value as DuckDB's driver returns it (dates and times normalized). */
  List<List<Object>> query(String sql) throws SQLException {
    List<List<Object>> rows = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      ResultSetMetaData meta = result.getMetaData();
      while (result.next()) {
        List<Object> row = new ArrayList<>(meta.getColumnCount());
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          row.add(value(result, i, meta.getColumnTypeName(i)));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  Object single(String sql) throws SQLException {
    List<List<Object>> rows = query(sql);
    if (rows.size() != 1 || rows.get(0).size() != 1) {
      throw new AssertionError("expected one value from " + sql + ", got " + rows);
    }
    return rows.get(0).get(0);
  }

  /** Column name to DuckDB type of the file. */
  List<List<Object>> describe(Path file) throws SQLException {
    return query(
        "SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM " + source(file) + ")");
  }

  /** Dates and times as java.time values, which do not depend on the JVM's time zone. */
  private static Object value(ResultSet result, int column, String type) throws SQLException {
    return switch (type) {
      case "DATE" -> result.getObject(column, LocalDate.class);
      case "TIMESTAMP" -> result.getObject(column, LocalDateTime.class);
      default -> result.getObject(column);
    };
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
