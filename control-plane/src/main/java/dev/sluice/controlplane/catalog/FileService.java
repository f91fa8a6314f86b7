package dev.sluice.controlplane.catalog;

import static java.util.Objects.requireNonNull;

import dev.sluice.controlplane.error.ErrorCode;
import dev.sluice.controlplane.error.SluiceException;
import dev.sluice.controlplane.security.SecretCipher;
import dev.sluice.controlplane.sql.ResultTable;
import dev.sluice.controlplane.store.Database;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CREATE FILE / SHOW FILE / DROP FILE: certificates and keys kept in PostgreSQL (encrypted, as they
 * may be private keys) and named by Kafka properties as {@code FILE:<name>}. Unlike StarRocks, the
 * content is given inline ({@code "content"}), not fetched from a URL: see decision 0035.
 */
public final class FileService {
  public static final String REFERENCE_PREFIX = "FILE:";
  static final int MAX_BYTES = 1024 * 1024;
  private static final Set<String> PROPERTIES = Set.of("catalog", "content", "url");
  private static final List<String> COLUMNS =
      List.of("Id", "DbName", "Catalog", "FileName", "FileSize", "IsContent", "MD5");

  private final Database database;
  private final SecretCipher cipher;

  public FileService(Database database, SecretCipher cipher) {
    this.database = requireNonNull(database, "database is null");
    this.cipher = requireNonNull(cipher, "cipher is null");
  }

  public void create(String databaseName, String name, Map<String, String> properties) {
    for (String key : properties.keySet()) {
      if (!PROPERTIES.contains(key)) {
        throw invalid("Unknown CREATE FILE property '" + key + "'. Known: catalog, content");
      }
    }
    if (properties.containsKey("url")) {
      throw new SluiceException(
          ErrorCode.NOT_SUPPORTED,
          "CREATE FILE with \"url\" is not supported: give the file's text as \"content\"");
    }
    String catalog = properties.get("catalog");
    if (catalog == null || catalog.isBlank()) {
      throw invalid("CREATE FILE needs \"catalog\", e.g. \"catalog\" = \"kafka\"");
    }
    String content = properties.get("content");
    if (content == null || content.isEmpty()) {
      throw invalid("CREATE FILE needs \"content\": the text of the certificate or key");
    }
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    if (bytes.length > MAX_BYTES) {
      throw invalid("File '" + name + "' has " + bytes.length + " bytes; at most 1 MiB is allowed");
    }
    database.inTransaction(
        connection -> {
          long databaseId = CatalogService.requireDatabaseId(connection, databaseName);
          try (PreparedStatement insert =
              connection.prepareStatement(
                  """
                  INSERT INTO files (database_id, name, catalog, content, size_bytes, md5)
                  VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (database_id, name) DO NOTHING
                  """)) {
            insert.setLong(1, databaseId);
            insert.setString(2, name);
            insert.setString(3, catalog);
            insert.setString(4, cipher.seal(content));
            insert.setLong(5, bytes.length);
            insert.setString(6, md5(bytes));
            if (insert.executeUpdate() == 0) {
              throw new SluiceException(
                  ErrorCode.ALREADY_EXISTS,
                  "File '" + name + "' already exists in database '" + databaseName + "'");
            }
          }
          return null;
        });
  }

  public ResultTable list(String databaseName) {
    return database.inTransaction(
        connection -> {
          long databaseId = CatalogService.requireDatabaseId(connection, databaseName);
          List<List<String>> rows = new ArrayList<>();
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT id, name, catalog, size_bytes, md5 FROM files"
                      + " WHERE database_id = ? ORDER BY name")) {
            select.setLong(1, databaseId);
            try (ResultSet row = select.executeQuery()) {
              while (row.next()) {
                rows.add(
                    List.of(
                        Long.toString(row.getLong(1)),
                        databaseName,
                        row.getString(3),
                        row.getString(2),
                        Long.toString(row.getLong(4)),
                        "true",
                        row.getString(5)));
              }
            }
          }
          return ResultTable.of(COLUMNS, rows);
        });
  }

  /** Drops the file unless a routine load job that is not finished refers to it. */
  public void drop(String databaseName, String name) {
    database.inTransaction(
        connection -> {
          long databaseId = CatalogService.requireDatabaseId(connection, databaseName);
          try (PreparedStatement users =
              connection.prepareStatement(
                  """
                  SELECT j.name FROM routine_load_jobs j
                   WHERE j.database_id = ? AND j.state NOT IN ('STOPPED', 'CANCELLED')
                     AND EXISTS (SELECT 1 FROM jsonb_each_text(j.data_source -> 'customProperties') p
                                  WHERE p.value = ?)
                   ORDER BY j.name LIMIT 1
                  """)) {
            users.setLong(1, databaseId);
            users.setString(2, REFERENCE_PREFIX + name);
            try (ResultSet row = users.executeQuery()) {
              if (row.next()) {
                throw new SluiceException(
                    ErrorCode.INVALID_STATE,
                    "File '"
                        + name
                        + "' is used by routine load job '"
                        + row.getString(1)
                        + "'; stop the job or alter its properties first");
              }
            }
          }
          try (PreparedStatement delete =
              connection.prepareStatement("DELETE FROM files WHERE database_id = ? AND name = ?")) {
            delete.setLong(1, databaseId);
            delete.setString(2, name);
            if (delete.executeUpdate() == 0) {
              throw unknown(databaseName, name);
            }
          }
          return null;
        });
  }

  /** The decrypted contents of the named files of a database; every name must exist. */
  public Map<String, String> loadContents(
      Connection connection, String databaseName, Collection<String> names) throws SQLException {
    Map<String, String> contents = new LinkedHashMap<>();
    if (names.isEmpty()) {
      return contents;
    }
    try (PreparedStatement select =
        connection.prepareStatement(
            """
            SELECT f.name, f.content FROM files f JOIN databases d ON d.id = f.database_id
             WHERE d.name = ? AND f.name = ANY (?)
            """)) {
      select.setString(1, databaseName);
      select.setArray(2, connection.createArrayOf("text", names.toArray()));
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          contents.put(row.getString(1), cipher.open(row.getString(2)));
        }
      }
    }
    for (String name : names) {
      if (!contents.containsKey(name)) {
        throw unknown(databaseName, name);
      }
    }
    return contents;
  }

  private static SluiceException unknown(String databaseName, String name) {
    return new SluiceException(
        ErrorCode.UNKNOWN_FILE,
        "Unknown file '"
            + name
            + "' in database '"
            + databaseName
            + "'; create it with CREATE FILE \""
            + name
            + "\" PROPERTIES (\"catalog\" = \"kafka\", \"content\" = \"...\")");
  }

  private static SluiceException invalid(String message) {
    return new SluiceException(ErrorCode.INVALID_ARGUMENT, message);
  }

  private static String md5(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is not available in this JVM", e);
    }
  }
}
