package dev.sluice.controlplane.catalog;

import static java.util.Objects.requireNonNull;

import dev.sluice.controlplane.error.ErrorCode;
import dev.sluice.controlplane.error.SluiceException;
import dev.sluice.controlplane.store.Database;
import dev.sluice.controlplane.store.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Databases and tables: create, drop, list, describe. */
public final class CatalogService {
  private final Database database;
  private final StorageVolumeService volumes;

  public CatalogService(Database database, StorageVolumeService volumes) {
    this.database = requireNonNull(database, "database is null");
    this.volumes = requireNonNull(volumes, "volumes is null");
  }

  public void createDatabase(String name, boolean ifNotExists) {
    database.inTransaction(
        connection -> {
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO databases (name) VALUES (?) ON CONFLICT (name) DO NOTHING")) {
            insert.setString(1, name);
            if (insert.executeUpdate() == 0 && !ifNotExists) {
              throw new SluiceException(
                  ErrorCode.ALREADY_EXISTS,
                  "Can't create database '" + name + "'; database exists");
            }
          }
          return null;
        });
  }

  public void dropDatabase(String name, boolean ifExists) {
    database.inTransaction(
        connection -> {
          Optional<Long> id = findDatabaseId(connection, name);
          if (id.isEmpty()) {
            if (ifExists) {
              return null;
            }
            throw unknownDatabase(name);
          }
          if (!listTableNames(connection, id.get()).isEmpty()) {
            throw new SluiceException(
                ErrorCode.INVALID_STATE,
                "Can't drop database '" + name + "': it still has tables; drop them first");
          }
          try (PreparedStatement jobs =
              connection.prepareStatement(
                  "SELECT count(*) FROM routine_load_jobs WHERE database_id = ?")) {
            jobs.setLong(1, id.get());
            try (ResultSet row = jobs.executeQuery()) {
              row.next();
              if (row.getLong(1) > 0) {
                throw new SluiceException(
                    ErrorCode.INVALID_STATE,
                    "Can't drop database '" + name + "': routine load jobs still refer to it");
              }
            }
          }
          try (PreparedStatement delete =
              connection.prepareStatement("DELETE FROM databases WHERE id = ?")) {
            delete.setLong(1, id.get());
            delete.executeUpdate();
          }
          return null;
        });
  }

  public List<String> listDatabases() {
    return database.inTransaction(
        connection -> {
          List<String> names = new ArrayList<>();
          try (PreparedStatement select =
                  connection.prepareStatement("SELECT name FROM databases ORDER BY name");
              ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
              names.add(rows.getString(1));
            }
          }
          return names;
        });
  }

  /** Returns the database id, or throws the user error "Unknown database". */
  public long requireDatabase(String name) {
    return database.inTransaction(
        connection -> findDatabaseId(connection, name).orElseThrow(() -> unknownDatabase(name)));
  }

  public void createTable(TableDefinition table, boolean ifNotExists) {
    database.inTransaction(
        connection -> {
          long databaseId =
              findDatabaseId(connection, table.database())
                  .orElseThrow(() -> unknownDatabase(table.database()));
          if (findTable(connection, databaseId, table.name()).isPresent()) {
            if (ifNotExists) {
              return null;
            }
            throw new SluiceException(
                ErrorCode.ALREADY_EXISTS, "Table '" + table.name() + "' already exists");
          }
          // StarRocks' shared-data tables name their volume in PROPERTIES; the default otherwise.
          long volumeId =
              volumes.requireId(
                  connection, Optional.ofNullable(table.properties().get("storage_volume")));
          long tableId = insertTable(connection, databaseId, volumeId, table);
          insertColumns(connection, tableId, table);
          return null;
        });
  }

  /**
   * Drops a table: its name is free again at once, its files stay until garbage collection, and its
   * routine load jobs are CANCELLED, as in Routine Load.
   */
  public void dropTable(String databaseName, String tableName, boolean ifExists) {
    database.inTransaction(
        connection -> {
          long databaseId =
              findDatabaseId(connection, databaseName)
                  .orElseThrow(() -> unknownDatabase(databaseName));
          Optional<TableDefinition> table = findTable(connection, databaseId, tableName);
          if (table.isEmpty()) {
            if (ifExists) {
              return null;
            }
            throw unknownTable(databaseName, tableName);
          }
          long tableId = table.get().id();
          try (PreparedStatement drop =
              connection.prepareStatement("UPDATE tables SET dropped_at = now() WHERE id = ?")) {
            drop.setLong(1, tableId);
            drop.executeUpdate();
          }
          try (PreparedStatement cancel =
              connection.prepareStatement(
                  """
                  UPDATE routine_load_jobs
                     SET state = 'CANCELLED', ended_at = now(), generation = generation + 1,
                         reason_of_state_changed = ?
                   WHERE table_id = ? AND state NOT IN ('STOPPED', 'CANCELLED')
                  """)) {
            cancel.setString(1, "table '" + tableName + "' was dropped");
            cancel.setLong(2, tableId);
            cancel.executeUpdate();
          }
          try (PreparedStatement tasks =
              connection.prepareStatement(
                  "DELETE FROM tasks WHERE job_id IN"
                      + " (SELECT id FROM routine_load_jobs WHERE table_id = ?)")) {
            tasks.setLong(1, tableId);
            tasks.executeUpdate();
          }
          return null;
        });
  }

  public List<String> listTables(String databaseName) {
    return database.inTransaction(
        connection ->
            listTableNames(
                connection,
                findDatabaseId(connection, databaseName)
                    .orElseThrow(() -> unknownDatabase(databaseName))));
  }

  public TableDefinition requireTable(String databaseName, String tableName) {
    return database.inTransaction(connection -> requireTable(connection, databaseName, tableName));
  }

  public static TableDefinition requireTable(
      Connection connection, String databaseName, String tableName) throws SQLException {
    long databaseId =
        findDatabaseId(connection, databaseName).orElseThrow(() -> unknownDatabase(databaseName));
    return findTable(connection, databaseId, tableName)
        .orElseThrow(() -> unknownTable(databaseName, tableName));
  }

  /** Loads a live or dropped table by id (jobs keep pointing at the table they were made for). */
  public static TableDefinition loadTable(Connection connection, long tableId) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(TABLE_SELECT + " WHERE t.id = ?")) {
      select.setLong(1, tableId);
      try (ResultSet row = select.executeQuery()) {
        if (!row.next()) {
          throw new SluiceException(ErrorCode.INTERNAL, "table id " + tableId + " is missing");
        }
        return readTable(connection, row);
      }
    }
  }

  private static final String TABLE_SELECT =
      """
      SELECT t.id, d.name, t.name, t.key_model, t.key_columns, t.partition_by, t.distributed_by,
             t.buckets, t.comment, t.properties::text, v.name, t.create_sql
        FROM tables t
        JOIN databases d ON d.id = t.database_id
        JOIN storage_volumes v ON v.id = t.storage_volume_id
      """;

  private static Optional<TableDefinition> findTable(
      Connection connection, long databaseId, String name) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            TABLE_SELECT + " WHERE t.database_id = ? AND t.name = ? AND t.dropped_at IS NULL")) {
      select.setLong(1, databaseId);
      select.setString(2, name);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? Optional.of(readTable(connection, row)) : Optional.empty();
      }
    }
  }

  private static TableDefinition readTable(Connection connection, ResultSet row)
      throws SQLException {
    long id = row.getLong(1);
    return new TableDefinition(
        id,
        row.getString(2),
        row.getString(3),
        readColumns(connection, id),
        KeyModel.valueOf(row.getString(4)),
        textArray(row, 5),
        textArray(row, 6),
        textArray(row, 7),
        row.getInt(8),
        row.getString(9),
        Json.readStringMap(row.getString(10)),
        row.getString(11),
        row.getString(12));
  }

  private static List<TableDefinition.Column> readColumns(Connection connection, long tableId)
      throws SQLException {
    List<TableDefinition.Column> columns = new ArrayList<>();
    try (PreparedStatement select =
        connection.prepareStatement(
            """
            SELECT name, type, nullable, is_key, aggregation, default_value, comment
              FROM table_columns WHERE table_id = ? ORDER BY ordinal
            """)) {
      select.setLong(1, tableId);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          columns.add(
              new TableDefinition.Column(
                  rows.getString(1),
                  rows.getString(2),
                  rows.getBoolean(3),
                  rows.getBoolean(4),
                  Optional.ofNullable(rows.getString(5)),
                  Optional.ofNullable(rows.getString(6)),
                  rows.getString(7)));
        }
      }
    }
    return columns;
  }

  private static long insertTable(
      Connection connection, long databaseId, long volumeId, TableDefinition table)
      throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            """
            INSERT INTO tables (database_id, name, key_model, key_columns, partition_by,
                                distributed_by, buckets, comment, properties, storage_volume_id,
                                create_sql)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)
            RETURNING id
            """)) {
      insert.setLong(1, databaseId);
      insert.setString(2, table.name());
      insert.setString(3, table.keyModel().name());
      insert.setArray(4, connection.createArrayOf("text", table.keyColumns().toArray()));
      insert.setArray(5, connection.createArrayOf("text", table.partitionBy().toArray()));
      insert.setArray(6, connection.createArrayOf("text", table.distributedBy().toArray()));
      insert.setInt(7, table.buckets());
      insert.setString(8, table.comment());
      insert.setString(9, Json.write(table.properties()));
      insert.setLong(10, volumeId);
      insert.setString(11, table.createSql());
      try (ResultSet row = insert.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    }
  }

  private static void insertColumns(Connection connection, long tableId, TableDefinition table)
      throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            """
            INSERT INTO table_columns (table_id, ordinal, name, type, nullable, is_key,
                                       aggregation, default_value, comment)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)) {
      int ordinal = 0;
      for (TableDefinition.Column column : table.columns()) {
        insert.setLong(1, tableId);
        insert.setInt(2, ordinal++);
        insert.setString(3, column.name());
        insert.setString(4, column.type());
        insert.setBoolean(5, column.nullable());
        insert.setBoolean(6, column.key());
        insert.setString(7, column.aggregation().orElse(null));
        insert.setString(8, column.defaultValue().orElse(null));
        insert.setString(9, column.comment());
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  private static List<String> listTableNames(Connection connection, long databaseId)
      throws SQLException {
    List<String> names = new ArrayList<>();
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT name FROM tables WHERE database_id = ? AND dropped_at IS NULL ORDER BY name")) {
      select.setLong(1, databaseId);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          names.add(rows.getString(1));
        }
      }
    }
    return names;
  }

  public static Optional<Long> findDatabaseId(Connection connection, String name)
      throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement("SELECT id FROM databases WHERE name = ?")) {
      select.setString(1, name);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? Optional.of(row.getLong(1)) : Optional.empty();
      }
    }
  }

  private static List<String> textArray(ResultSet row, int column) throws SQLException {
    return Arrays.asList((String[]) row.getArray(column).getArray());
  }

  /** The id of the named database, or UNKNOWN_DATABASE. */
  public static long requireDatabaseId(Connection connection, String name) throws SQLException {
    return findDatabaseId(connection, name).orElseThrow(() -> unknownDatabase(name));
  }

  public static SluiceException unknownDatabase(String name) {
    return new SluiceException(ErrorCode.UNKNOWN_DATABASE, "Unknown database '" + name + "'");
  }

  static SluiceException unknownTable(String database, String table) {
    return new SluiceException(
        ErrorCode.UNKNOWN_TABLE, "Unknown table '" + database + "." + table + "'");
  }
}
