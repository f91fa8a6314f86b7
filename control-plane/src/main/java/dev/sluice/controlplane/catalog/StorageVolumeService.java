package dev.sluice.controlplane.catalog;

import static java.util.Objects.requireNonNull;

import dev.sluice.controlplane.error.ErrorCode;
import dev.sluice.controlplane.error.SluiceException;
import dev.sluice.controlplane.security.SecretCipher;
import dev.sluice.controlplane.store.Database;
import dev.sluice.controlplane.store.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Storage volumes: where tables keep their tablets (an S3 bucket and prefix, or a local directory).
 * The built-in volume comes from configuration and is the default until another is set.
 */
public final class StorageVolumeService {
  public static final String BUILTIN = "builtin_storage_volume";
  private static final Set<String> TYPES = Set.of("S3", "LOCAL");

  private final Database database;
  private final SecretCipher cipher;

  public StorageVolumeService(Database database, SecretCipher cipher) {
    this.database = requireNonNull(database, "database is null");
    this.cipher = requireNonNull(cipher, "cipher is null");
  }

  /** Creates or refreshes the built-in volume from configuration at start-up. */
  public void ensureBuiltin(StorageVolume configured) {
    database.inTransaction(
        connection -> {
          try (PreparedStatement upsert =
              connection.prepareStatement(
                  """
                  INSERT INTO storage_volumes (name, type, locations, comment, properties, is_default)
                  VALUES (?, ?, ?, '', ?::jsonb,
                          NOT EXISTS (SELECT 1 FROM storage_volumes WHERE is_default))
                  ON CONFLICT (name) DO UPDATE
                     SET type = EXCLUDED.type, locations = EXCLUDED.locations,
                         properties = EXCLUDED.properties
                  """)) {
            upsert.setString(1, BUILTIN);
            upsert.setString(2, configured.type());
            upsert.setArray(3, connection.createArrayOf("text", configured.locations().toArray()));
            upsert.setString(4, Json.write(cipher.sealSecrets(configured.properties())));
            upsert.executeUpdate();
          }
          return null;
        });
  }

  public void create(StorageVolume volume, boolean ifNotExists) {
    String type = volume.type().toUpperCase(Locale.ROOT);
    if (!TYPES.contains(type)) {
      throw new SluiceException(
          ErrorCode.NOT_SUPPORTED,
          "Storage volume type " + volume.type() + " is not supported; use S3 or LOCAL");
    }
    if (volume.locations().isEmpty()) {
      throw new SluiceException(
          ErrorCode.INVALID_ARGUMENT, "LOCATIONS must name at least one location");
    }
    for (String location : volume.locations()) {
      StorageLocations.parse(type, location);
    }
    database.inTransaction(
        connection -> {
          try (PreparedStatement insert =
              connection.prepareStatement(
                  """
                  INSERT INTO storage_volumes (name, type, locations, comment, properties)
                  VALUES (?, ?, ?, ?, ?::jsonb) ON CONFLICT (name) DO NOTHING
                  """)) {
            insert.setString(1, volume.name());
            insert.setString(2, type);
            insert.setArray(3, connection.createArrayOf("text", volume.locations().toArray()));
            insert.setString(4, volume.comment());
            insert.setString(5, Json.write(cipher.sealSecrets(volume.properties())));
            if (insert.executeUpdate() == 0 && !ifNotExists) {
              throw new SluiceException(
                  ErrorCode.ALREADY_EXISTS,
                  "Storage volume '" + volume.name() + "' already exists");
            }
          }
          return null;
        });
  }

  public List<StorageVolume> list() {
    return database.inTransaction(
        connection -> {
          List<StorageVolume> volumes = new ArrayList<>();
          try (PreparedStatement select = connection.prepareStatement(SELECT + " ORDER BY name");
              ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
              volumes.add(read(rows));
            }
          }
          return volumes;
        });
  }

  public StorageVolume require(String name) {
    return database.inTransaction(connection -> require(connection, name));
  }

  /** The volume with its credentials decrypted, for clients of the object store only. */
  public StorageVolume requireWithSecrets(Connection connection, String name) throws SQLException {
    StorageVolume volume = require(connection, name);
    return new StorageVolume(
        volume.name(),
        volume.type(),
        volume.locations(),
        volume.comment(),
        cipher.openSecrets(volume.properties()),
        volume.isDefault(),
        volume.enabled());
  }

  /** The volume as stored: credentials encrypted when a secrets key is configured. */
  public static StorageVolume require(Connection connection, String name) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(SELECT + " WHERE name = ?")) {
      select.setString(1, name);
      try (ResultSet row = select.executeQuery()) {
        if (!row.next()) {
          throw unknown(name);
        }
        return read(row);
      }
    }
  }

  public void setDefault(String name) {
    database.inTransaction(
        connection -> {
          requireId(connection, Optional.of(name));
          try (PreparedStatement clear =
                  connection.prepareStatement(
                      "UPDATE storage_volumes SET is_default = FALSE WHERE is_default");
              PreparedStatement set =
                  connection.prepareStatement(
                      "UPDATE storage_volumes SET is_default = TRUE WHERE name = ?")) {
            clear.executeUpdate();
            set.setString(1, name);
            set.executeUpdate();
          }
          return null;
        });
  }

  public void drop(String name, boolean ifExists) {
    database.inTransaction(
        connection -> {
          try (PreparedStatement delete =
              connection.prepareStatement(
                  """
                  DELETE FROM storage_volumes v
                   WHERE name = ? AND NOT is_default
                     AND NOT EXISTS (SELECT 1 FROM tables t WHERE t.storage_volume_id = v.id)
                  """)) {
            delete.setString(1, name);
            if (delete.executeUpdate() == 1) {
              return null;
            }
          }
          StorageVolume volume;
          try {
            volume = require(connection, name);
          } catch (SluiceException e) {
            if (ifExists) {
              return null;
            }
            throw e;
          }
          throw new SluiceException(
              ErrorCode.INVALID_STATE,
              "Storage volume '"
                  + volume.name()
                  + "' cannot be dropped: it is the default or tables use it");
        });
  }

  /** The id of the named volume, or of the default volume when no name is given. */
  long requireId(Connection connection, Optional<String> name) throws SQLException {
    String sql =
        name.isPresent()
            ? "SELECT id FROM storage_volumes WHERE name = ?"
            : "SELECT id FROM storage_volumes WHERE is_default";
    try (PreparedStatement select = connection.prepareStatement(sql)) {
      if (name.isPresent()) {
        select.setString(1, name.get());
      }
      try (ResultSet row = select.executeQuery()) {
        if (!row.next()) {
          throw name.map(StorageVolumeService::unknown)
              .orElseGet(
                  () ->
                      new SluiceException(
                          ErrorCode.UNKNOWN_STORAGE_VOLUME, "No default storage volume is set"));
        }
        return row.getLong(1);
      }
    }
  }

  private static final String SELECT =
      "SELECT name, type, locations, comment, properties::text, is_default, enabled"
          + " FROM storage_volumes";

  private static StorageVolume read(ResultSet row) throws SQLException {
    return new StorageVolume(
        row.getString(1),
        row.getString(2),
        Arrays.asList((String[]) row.getArray(3).getArray()),
        row.getString(4),
        Json.readStringMap(row.getString(5)),
        row.getBoolean(6),
        row.getBoolean(7));
  }

  private static SluiceException unknown(String name) {
    return new SluiceException(
        ErrorCode.UNKNOWN_STORAGE_VOLUME, "Unknown storage volume '" + name + "'");
  }
}
