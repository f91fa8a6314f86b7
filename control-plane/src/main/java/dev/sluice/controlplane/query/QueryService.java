package dev.sluice.controlplane.query;

import static java.util.Objects.requireNonNull;

import dev.sluice.controlplane.catalog.CatalogService;
import dev.sluice.controlplane.catalog.StorageLocations;
import dev.sluice.controlplane.catalog.StorageVolumeService;
import dev.sluice.controlplane.catalog.TableDefinition;
import dev.sluice.controlplane.error.ErrorCode;
import dev.sluice.controlplane.error.SluiceException;
import dev.sluice.controlplane.sql.ResultTable;
import dev.sluice.controlplane.store.Database;
import dev.sluice.sql.tree.Select;
import dev.sluice.storage.objectstore.ObjectStore;
import dev.sluice.storage.objectstore.StoreLocation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.duckdb.DuckDBDriver;

/**
 * SELECT over a table's committed tablets: exactly the files its manifest lists — never a file of
 * an uncommitted or aborted attempt — fetched into a local cache (tablets never change, so a cached
 * copy is always right) and queried with an embedded DuckDB.
 */
public final class QueryService implements AutoCloseable {
  private final Database database;
  private final StorageVolumeService volumes;
  private final Path cache;
  private final Map<StoreLocation, ObjectStore> stores = new ConcurrentHashMap<>();

  public QueryService(Database database, StorageVolumeService volumes, Path cache) {
    this.database = requireNonNull(database, "database is null");
    this.volumes = requireNonNull(volumes, "volumes is null");
    this.cache = requireNonNull(cache, "cache is null");
  }

  public ResultTable select(Select select, String databaseName) {
    Snapshot snapshot =
        database.inSnapshot(
            connection -> snapshot(connection, databaseName, select.from().table().name()));
    List<Path> files = new ArrayList<>();
    ObjectStore store = stores.computeIfAbsent(snapshot.location(), StoreLocation::open);
    for (String key : snapshot.keys()) {
      files.add(fetch(store, snapshot.location(), key));
    }
    // The driver is created directly: DriverManager's service lookup depends on the class loader
    // that first touched it, which inside Quarkus is not ours.
    try (Connection duck = new DuckDBDriver().connect("jdbc:duckdb:", new Properties());
        Statement statement = duck.createStatement()) {
      // Nothing may be downloaded at query time: these machines reach no extension repository.
      statement.execute("SET autoinstall_known_extensions=false");
      statement.execute("SET autoload_known_extensions=false");
      String relation = DuckDbSql.quote(snapshot.table().name());
      statement.execute("CREATE VIEW " + relation + " AS " + source(snapshot.table(), files));
      try (ResultSet rows = statement.executeQuery(DuckDbSql.select(select, relation))) {
        return read(rows);
      }
    } catch (SQLException e) {
      throw new SluiceException(ErrorCode.INVALID_ARGUMENT, "SELECT failed: " + e.getMessage());
    }
  }

  /** The table and its committed files, read in one transaction so they agree. */
  private record Snapshot(TableDefinition table, StoreLocation location, List<String> keys) {}

  private Snapshot snapshot(Connection connection, String databaseName, String tableName)
      throws SQLException {
    TableDefinition table = CatalogService.requireTable(connection, databaseName, tableName);
    StoreLocation store =
        StorageLocations.store(volumes.requireWithSecrets(connection, table.storageVolume()));
    List<String> keys = new ArrayList<>();
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT object_key FROM manifest_files WHERE table_id = ? ORDER BY id")) {
      select.setLong(1, table.id());
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          keys.add(rows.getString(1));
        }
      }
    }
    return new Snapshot(table, store, keys);
  }

  private Path fetch(ObjectStore store, StoreLocation location, String key) {
    Path local = cache.resolve(Integer.toHexString(location.hashCode())).resolve(key).normalize();
    if (Files.exists(local)) {
      return local;
    }
    try {
      Files.createDirectories(local.getParent());
      Path partial = Files.createTempFile(local.getParent(), "fetch", ".part");
      Files.write(partial, store.get(key));
      Files.move(
          partial, local, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return local;
    } catch (IOException e) {
      throw new UncheckedIOException("caching " + key + " failed", e);
    }
  }

  /**
   * The table's rows: its Parquet files, or an empty relation of its columns when it has none.
   *
   * <p>Hive partitioning is off: a partitioned table's keys hold {@code <column>=<value>}
   * directories, which DuckDB would otherwise read as columns that win over the file's own: the
   * directory of {@code date_trunc('day', dt)} would replace every {@code dt} by its day, and a
   * partition over two columns would add a column. The files hold every column as loaded.
   */
  private static String source(TableDefinition table, List<Path> files) {
    if (!files.isEmpty()) {
      List<String> quoted = new ArrayList<>();
      files.forEach(f -> quoted.add("'" + f.toString().replace("'", "''") + "'"));
      return "SELECT * FROM read_parquet(["
          + String.join(", ", quoted)
          + "], hive_partitioning = false)";
    }
    List<String> columns = new ArrayList<>();
    for (TableDefinition.Column column : table.columns()) {
      columns.add(
          "CAST(NULL AS "
              + DuckDbTypes.of(column.type())
              + ") AS "
              + DuckDbSql.quote(column.name()));
    }
    return "SELECT " + String.join(", ", columns) + " WHERE false";
  }

  private static ResultTable read(ResultSet rows) throws SQLException {
    ResultSetMetaData meta = rows.getMetaData();
    List<String> columns = new ArrayList<>();
    for (int c = 1; c <= meta.getColumnCount(); c++) {
      columns.add(meta.getColumnLabel(c));
    }
    List<List<String>> values = new ArrayList<>();
    while (rows.next()) {
      List<String> row = new ArrayList<>(columns.size());
      for (int c = 1; c <= columns.size(); c++) {
        row.add(rows.getString(c));
      }
      values.add(row);
    }
    return ResultTable.of(columns, values);
  }

  @Override
  public void close() {
    stores.values().forEach(ObjectStore::close);
    stores.clear();
  }
}
