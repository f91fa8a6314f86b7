package dev.sluice.controlplane.ops;

import static java.util.Objects.requireNonNull;

import dev.sluice.controlplane.jobs.PartitionLag;
import dev.sluice.controlplane.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reads an {@link OpsSnapshot} in one transaction: a handful of small queries. */
public final class OpsReader {
  private static final String LIVE = "j.state IN ('NEED_SCHEDULE', 'RUNNING')";

  private final Database database;
  private final int maxConcurrentTasks;
  private final Duration workerAliveWindow;

  /**
   * @param maxConcurrentTasks max_routine_load_task_concurrent_num, which caps each job's tasks
   * @param workerAliveWindow a worker seen this recently counts as alive
   */
  public OpsReader(Database database, int maxConcurrentTasks, Duration workerAliveWindow) {
    this.database = requireNonNull(database, "database is null");
    this.maxConcurrentTasks = maxConcurrentTasks;
    this.workerAliveWindow = requireNonNull(workerAliveWindow, "workerAliveWindow is null");
  }

  public OpsSnapshot read(Instant now) {
    requireNonNull(now, "now is null");
    return database.inSnapshot(
        connection ->
            new OpsSnapshot(
                now,
                partitions(connection, now),
                jobs(connection),
                count(
                    connection,
                    """
                    SELECT count(*) FROM tasks t JOIN routine_load_jobs j ON j.id = t.job_id
                     WHERE j.state = 'RUNNING' AND t.generation = j.generation
                       AND t.runnable_at <= ?1
                       AND (t.lease_owner IS NULL OR t.lease_expires_at < ?1)
                    """,
                    now),
                count(
                    connection,
                    """
                    SELECT count(*) FROM tasks t
                     WHERE t.lease_owner IS NOT NULL AND t.lease_expires_at >= ?1
                    """,
                    now),
                usefulTasks(connection),
                count(
                    connection,
                    "SELECT count(*) FROM workers WHERE last_seen >= ?1",
                    now.minus(workerAliveWindow))));
  }

  private static List<OpsSnapshot.PartitionRow> partitions(Connection connection, Instant now)
      throws SQLException {
    List<OpsSnapshot.PartitionRow> rows = new ArrayList<>();
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT d.name, j.name, p.kafka_partition, p.next_offset, p.latest_offset,"
                + " p.last_timestamp_ms"
                + " FROM job_partitions p JOIN routine_load_jobs j ON j.id = p.job_id"
                + " JOIN databases d ON d.id = j.database_id WHERE "
                + LIVE
                + " ORDER BY d.name, j.name, p.kafka_partition")) {
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          rows.add(
              new OpsSnapshot.PartitionRow(
                  row.getString(1),
                  row.getString(2),
                  row.getInt(3),
                  PartitionLag.of(row.getLong(4), row.getLong(5), row.getLong(6), now)));
        }
      }
    }
    return rows;
  }

  private static List<OpsSnapshot.JobTotals> jobs(Connection connection) throws SQLException {
    List<OpsSnapshot.JobTotals> jobs = new ArrayList<>();
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT j.id, d.name, j.name, j.loaded_rows, j.received_bytes, j.error_rows,"
                + " j.unselected_rows, j.committed_task_num, j.aborted_task_num"
                + " FROM routine_load_jobs j JOIN databases d ON d.id = j.database_id WHERE "
                + LIVE
                + " ORDER BY j.id")) {
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          jobs.add(
              new OpsSnapshot.JobTotals(
                  row.getLong(1),
                  row.getString(2),
                  row.getString(3),
                  row.getLong(4),
                  row.getLong(5),
                  row.getLong(6),
                  row.getLong(7),
                  row.getLong(8),
                  row.getLong(9)));
        }
      }
    }
    return jobs;
  }

  /** Per live job: min(partitions, desired_concurrent_number, the service's cap), at least 1. */
  private int usefulTasks(Connection connection) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT coalesce(sum(greatest(1, least("
                + " (SELECT count(*) FROM job_partitions p WHERE p.job_id = j.id),"
                + " coalesce((j.job_properties->>'desired_concurrent_number')::int, 3),"
                + " ?))), 0)"
                + " FROM routine_load_jobs j WHERE "
                + LIVE)) {
      select.setInt(1, maxConcurrentTasks);
      try (ResultSet row = select.executeQuery()) {
        row.next();
        return row.getInt(1);
      }
    }
  }

  private static int count(Connection connection, String sql, Instant at) throws SQLException {
    // JDBC has no named or numbered parameters: ?1 stands for "the same instant" here.
    int uses = sql.split("\\?1", -1).length - 1;
    try (PreparedStatement select = connection.prepareStatement(sql.replace("?1", "?"))) {
      for (int i = 1; i <= uses; i++) {
        select.setTimestamp(i, Timestamp.from(at));
      }
      try (ResultSet row = select.executeQuery()) {
        row.next();
        return row.getInt(1);
      }
    }
  }
}
