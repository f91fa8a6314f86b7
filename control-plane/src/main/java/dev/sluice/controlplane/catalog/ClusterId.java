package dev.sluice.controlplane.catalog;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/**
 * This installation's id: a random UUID a migration writes once into PostgreSQL. Every object key
 * the installation writes carries it ({@link StorageLocations#tablePrefix}), so another
 * installation on the same bucket and prefix, or this one's catalog recreated from scratch, never
 * takes its files for orphans (decision 0045).
 */
public record ClusterId(UUID value) {
  public ClusterId {
    requireNonNull(value, "value is null");
  }

  /** The id kept in {@code connection}'s database. */
  public static ClusterId load(Connection connection) throws SQLException {
    try (PreparedStatement select =
            connection.prepareStatement("SELECT cluster_id FROM cluster_identity");
        ResultSet row = select.executeQuery()) {
      if (!row.next()) {
        throw new IllegalStateException("cluster_identity has no row: the migrations did not run");
      }
      return new ClusterId(row.getObject(1, UUID.class));
    }
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
