package dev.sluice.controlplane.lease;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Writes catalog rows straight into a migrated database, so the lease protocol can be tested on its
 * own: a RUNNING job whose partitions are spread round-robin over its tasks.
 */
final class LeaseFixture {
  record Job(long jobId, long tableId, List<UUID> taskIds) {}

  private final DataSource dataSource;

  LeaseFixture(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  Job createRunningJob(
      String name,
      int partitions,
      int tasks,
      long maxErrorNumber,
      double maxFilterRatio,
      Instant now)
      throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      long volumeId =
          insertReturningId(
              c,
              "INSERT INTO storage_volumes (name, type, locations) VALUES ('v_"
                  + name
                  + "', 'LOCAL', '{/tmp}') RETURNING id");
      long databaseId =
          insertReturningId(
              c, "INSERT INTO databases (name) VALUES ('db_" + name + "') RETURNING id");
      long tableId =
          insertReturningId(
              c,
              "INSERT INTO tables (database_id, name, key_model, key_columns, partition_by,"
                  + " distributed_by, buckets, storage_volume_id, create_sql) VALUES ("
                  + databaseId
                  + ", 't', 'DUPLICATE', '{}', '{}', '{}', 1, "
                  + volumeId
                  + ", 'CREATE TABLE t') RETURNING id");
      String properties =
          "{\"max_batch_interval\":\"10\",\"max_batch_rows\":\"200000\",\"max_error_number\":\""
              + maxErrorNumber
              + "\",\"max_filter_ratio\":\""
              + maxFilterRatio
              + "\"}";
      long jobId;
      try (PreparedStatement insert =
          c.prepareStatement(
              "INSERT INTO routine_load_jobs (database_id, name, table_id, state, load_spec,"
                  + " job_properties, data_source, create_sql)"
                  + " VALUES (?, ?, ?, 'RUNNING', '{}', ?::jsonb, '{}', 'CREATE ROUTINE LOAD')"
                  + " RETURNING id")) {
        insert.setLong(1, databaseId);
        insert.setString(2, name);
        insert.setLong(3, tableId);
        insert.setString(4, properties);
        try (ResultSet row = insert.executeQuery()) {
          row.next();
          jobId = row.getLong(1);
        }
      }
      try (Statement statement = c.createStatement()) {
        for (int p = 0; p < partitions; p++) {
          statement.execute(
              "INSERT INTO job_partitions (job_id, kafka_partition, next_offset) VALUES ("
                  + jobId
                  + ", "
                  + p
                  + ", 0)");
        }
      }
      List<UUID> taskIds = new ArrayList<>();
      for (int t = 0; t < tasks; t++) {
        List<Integer> owned = new ArrayList<>();
        for (int p = t; p < partitions; p += tasks) {
          owned.add(p);
        }
        UUID taskId = UUID.randomUUID();
        try (PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO tasks (id, job_id, generation, partitions, runnable_at)"
                    + " VALUES (?, ?, 0, ?, ?)")) {
          insert.setObject(1, taskId);
          insert.setLong(2, jobId);
          insert.setArray(3, c.createArrayOf("integer", owned.toArray()));
          insert.setTimestamp(4, Timestamp.from(now));
          insert.executeUpdate();
        }
        taskIds.add(taskId);
      }
      return new Job(jobId, tableId, taskIds);
    }
  }

  long nextOffset(long jobId, int partition) throws SQLException {
    return queryLong(
        "SELECT next_offset FROM job_partitions WHERE job_id = "
            + jobId
            + " AND kafka_partition = "
            + partition);
  }

  String jobState(long jobId) throws SQLException {
    return queryString("SELECT state FROM routine_load_jobs WHERE id = " + jobId);
  }

  String reasonOfStateChanged(long jobId) throws SQLException {
    return queryString("SELECT reason_of_state_changed FROM routine_load_jobs WHERE id = " + jobId);
  }

  long jobStatistic(long jobId, String column) throws SQLException {
    return queryLong("SELECT " + column + " FROM routine_load_jobs WHERE id = " + jobId);
  }

  long manifestFiles(long tableId) throws SQLException {
    return queryLong("SELECT count(*) FROM manifest_files WHERE table_id = " + tableId);
  }

  long transactions(long jobId) throws SQLException {
    return queryLong("SELECT count(*) FROM load_transactions WHERE job_id = " + jobId);
  }

  long tasks(long jobId) throws SQLException {
    return queryLong("SELECT count(*) FROM tasks WHERE job_id = " + jobId);
  }

  Instant runnableAt(UUID taskId) throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement statement = c.createStatement();
        ResultSet row =
            statement.executeQuery("SELECT runnable_at FROM tasks WHERE id = '" + taskId + "'")) {
      row.next();
      return row.getTimestamp(1).toInstant();
    }
  }

  void setJobProperty(long jobId, String key, String value) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement update =
            c.prepareStatement(
                "UPDATE routine_load_jobs SET job_properties = job_properties || "
                    + "jsonb_build_object(?::text, ?::text) WHERE id = ?")) {
      update.setString(1, key);
      update.setString(2, value);
      update.setLong(3, jobId);
      update.executeUpdate();
    }
  }

  String errorLogUrls(long jobId) throws SQLException {
    return queryString("SELECT error_log_urls FROM routine_load_jobs WHERE id = " + jobId);
  }

  void deleteTasks(long jobId) throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement statement = c.createStatement()) {
      statement.execute("DELETE FROM tasks WHERE job_id = " + jobId);
    }
  }

  /** Waits until {@code count} sessions of this database wait for a lock. */
  void awaitLockWaiters(int count) throws SQLException, InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (queryLong(
            "SELECT count(*) FROM pg_stat_activity"
                + " WHERE datname = current_database() AND wait_event_type = 'Lock'")
        < count) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(count + " sessions never waited for a lock");
      }
      Thread.sleep(20);
    }
  }

  String taskStatus(UUID taskId) throws SQLException {
    return queryString("SELECT last_txn_status FROM tasks WHERE id = '" + taskId + "'");
  }

  String taskMessage(UUID taskId) throws SQLException {
    return queryString("SELECT message FROM tasks WHERE id = '" + taskId + "'");
  }

  private long queryLong(String sql) throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement statement = c.createStatement();
        ResultSet row = statement.executeQuery(sql)) {
      row.next();
      return row.getLong(1);
    }
  }

  private String queryString(String sql) throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement statement = c.createStatement();
        ResultSet row = statement.executeQuery(sql)) {
      row.next();
      return row.getString(1);
    }
  }

  private static long insertReturningId(Connection c, String sql) throws SQLException {
    try (Statement statement = c.createStatement();
        ResultSet row = statement.executeQuery(sql)) {
      row.next();
      return row.getLong(1);
    }
  }
}
