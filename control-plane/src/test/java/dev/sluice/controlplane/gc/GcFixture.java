package dev.sluice.controlplane.gc;

import dev.sluice.controlplane.catalog.ClusterId;
import dev.sluice.controlplane.catalog.StorageLocations;
import dev.sluice.controlplane.catalog.StorageVolume;
import dev.sluice.testing.S3ProxyServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Catalog rows written straight into a migrated database: an S3 storage volume on the shared
 * S3Proxy, one table on it, and a RUNNING job with one task per partition.
 */
final class GcFixture {
  record Job(long jobId, long tableId, List<UUID> taskIds) {}

  private final DataSource dataSource;
  final StorageVolume volume;

  GcFixture(DataSource dataSource, String bucket) {
    this.dataSource = dataSource;
    S3ProxyServer s3 = S3ProxyServer.shared();
    s3.createBucket(bucket);
    this.volume =
        new StorageVolume(
            "gc_volume",
            "S3",
            List.of("s3://" + bucket + "/wh"),
            "",
            Map.of(
                "aws.s3.endpoint", s3.endpoint(),
                "aws.s3.region", s3.region(),
                "aws.s3.access_key", s3.accessKey(),
                "aws.s3.secret_key", s3.secretKey(),
                "aws.s3.enable_path_style_access", "true"),
            false,
            true);
  }

  /** The prefix this database's cluster hands to workers for the table. */
  String tablePrefix(long tableId) throws SQLException {
    return StorageLocations.tablePrefix(volume, clusterId(), tableId);
  }

  ClusterId clusterId() throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      return ClusterId.load(c);
    }
  }

  Job createRunningJob(String name, int tasks, Instant now) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      long volumeId;
      try (PreparedStatement insert =
          c.prepareStatement(
              "INSERT INTO storage_volumes (name, type, locations, properties)"
                  + " VALUES (?, 'S3', ?, ?::jsonb) ON CONFLICT (name) DO UPDATE SET type = 'S3'"
                  + " RETURNING id")) {
        insert.setString(1, volume.name());
        insert.setArray(2, c.createArrayOf("text", volume.locations().toArray()));
        insert.setString(3, dev.sluice.controlplane.store.Json.write(volume.properties()));
        volumeId = returningId(insert);
      }
      long databaseId =
          returningId(
              c.prepareStatement(
                  "INSERT INTO databases (name) VALUES ('db_" + name + "') RETURNING id"));
      long tableId =
          returningId(
              c.prepareStatement(
                  "INSERT INTO tables (database_id, name, key_model, key_columns, partition_by,"
                      + " distributed_by, buckets, storage_volume_id, create_sql) VALUES ("
                      + databaseId
                      + ", 't', 'DUPLICATE', '{}', '{}', '{}', 1, "
                      + volumeId
                      + ", 'CREATE TABLE t') RETURNING id"));
      long jobId =
          returningId(
              c.prepareStatement(
                  "INSERT INTO routine_load_jobs (database_id, name, table_id, state, load_spec,"
                      + " job_properties, data_source, create_sql) VALUES ("
                      + databaseId
                      + ", '"
                      + name
                      + "', "
                      + tableId
                      + ", 'RUNNING', '{}', '{\"max_batch_interval\":\"10\","
                      + "\"max_batch_rows\":\"200000\",\"max_error_number\":\"1000\","
                      + "\"max_filter_ratio\":\"1.0\"}', '{}', 'CREATE ROUTINE LOAD')"
                      + " RETURNING id"));
      List<UUID> taskIds = new ArrayList<>();
      try (Statement statement = c.createStatement()) {
        for (int t = 0; t < tasks; t++) {
          statement.execute(
              "INSERT INTO job_partitions (job_id, kafka_partition, next_offset) VALUES ("
                  + jobId
                  + ", "
                  + t
                  + ", 0)");
        }
      }
      for (int t = 0; t < tasks; t++) {
        UUID taskId = UUID.randomUUID();
        try (PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO tasks (id, job_id, generation, partitions, runnable_at)"
                    + " VALUES (?, ?, 0, ?, ?)")) {
          insert.setObject(1, taskId);
          insert.setLong(2, jobId);
          insert.setArray(3, c.createArrayOf("integer", new Integer[] {t}));
          // Spaced out so leases are handed out in task order.
          insert.setTimestamp(4, Timestamp.from(now.minusSeconds(tasks - t)));
          insert.executeUpdate();
        }
        taskIds.add(taskId);
      }
      return new Job(jobId, tableId, taskIds);
    }
  }

  private static long returningId(PreparedStatement statement) throws SQLException {
    try (statement;
        ResultSet row = statement.executeQuery()) {
      row.next();
      return row.getLong(1);
    }
  }
}
