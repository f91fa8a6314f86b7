package dev.sluice.controlplane.lease;

import static java.util.Objects.requireNonNull;

import dev.sluice.controlplane.store.Database;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Hands tasks to workers (AcquireLease), keeps leases alive (Heartbeat) and takes them back
 * (Abort). Safe with any number of control-plane replicas on one database: a task is picked with
 * {@code FOR UPDATE SKIP LOCKED}, and every acquisition bumps the task's epoch so a previous holder
 * is fenced.
 */
public final class LeaseManager {
  private final Database database;
  private final InstantSource clock;
  private final Duration leaseDuration;
  private final Duration abortBackoff;

  public LeaseManager(
      Database database, InstantSource clock, Duration leaseDuration, Duration abortBackoff) {
    this.database = requireNonNull(database, "database is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.leaseDuration = requireNonNull(leaseDuration, "leaseDuration is null");
    this.abortBackoff = requireNonNull(abortBackoff, "abortBackoff is null");
  }

  /** Leases the runnable task that has waited longest, or nothing when none is runnable. */
  public Optional<LeaseGrant> acquire(String workerId) {
    requireNonNull(workerId, "workerId is null");
    return database.inTransaction(
        connection -> {
          Instant now = clock.instant();
          recordWorkerSeen(connection, workerId, now);
          UUID attemptId = UUID.randomUUID();
          Instant expiresAt = now.plus(leaseDuration);
          try (PreparedStatement claim =
              connection.prepareStatement(
                  """
                  WITH candidate AS (
                      SELECT t.id
                        FROM tasks t
                        JOIN routine_load_jobs j ON j.id = t.job_id
                       WHERE j.state = 'RUNNING'
                         AND t.generation = j.generation
                         AND t.runnable_at <= ?
                         AND (t.lease_owner IS NULL OR t.lease_expires_at < ?)
                       ORDER BY t.runnable_at
                       LIMIT 1
                         FOR UPDATE OF t SKIP LOCKED)
                  UPDATE tasks
                     SET lease_epoch = lease_epoch + 1, lease_owner = ?, lease_expires_at = ?,
                         attempt_id = ?, last_scheduled_at = ?, execute_started_at = ?
                    FROM candidate
                   WHERE tasks.id = candidate.id
                  RETURNING tasks.id, tasks.job_id, tasks.lease_epoch, tasks.partitions
                  """)) {
            Timestamp nowTs = Timestamp.from(now);
            claim.setTimestamp(1, nowTs);
            claim.setTimestamp(2, nowTs);
            claim.setString(3, workerId);
            claim.setTimestamp(4, Timestamp.from(expiresAt));
            claim.setObject(5, attemptId);
            claim.setTimestamp(6, nowTs);
            claim.setTimestamp(7, nowTs);
            try (ResultSet row = claim.executeQuery()) {
              if (!row.next()) {
                return Optional.empty();
              }
              UUID taskId = row.getObject(1, UUID.class);
              long jobId = row.getLong(2);
              long epoch = row.getLong(3);
              Integer[] partitions = (Integer[]) row.getArray(4).getArray();
              return Optional.of(
                  new LeaseGrant(
                      taskId,
                      jobId,
                      epoch,
                      attemptId,
                      expiresAt,
                      leaseDuration,
                      findStartOffsets(connection, jobId, partitions)));
            }
          }
        });
  }

  /**
   * Extends a lease. Returns the new expiry, or empty when the worker must stop: the lease was
   * taken over, or the job was paused, altered or stopped (its tasks are gone).
   */
  public Optional<Instant> heartbeat(UUID taskId, long epoch, String workerId) {
    return database.inTransaction(
        connection -> {
          Instant now = clock.instant();
          recordWorkerSeen(connection, workerId, now);
          Instant expiresAt = now.plus(leaseDuration);
          try (PreparedStatement extend =
              connection.prepareStatement(
                  """
                  UPDATE tasks SET lease_expires_at = ?
                   WHERE id = ? AND lease_epoch = ? AND lease_owner = ?
                  """)) {
            extend.setTimestamp(1, Timestamp.from(expiresAt));
            extend.setObject(2, taskId);
            extend.setLong(3, epoch);
            extend.setString(4, workerId);
            return extend.executeUpdate() == 1 ? Optional.of(expiresAt) : Optional.empty();
          }
        });
  }

  /**
   * Gives a lease back without committing: offsets stay where they were and the task runs again
   * after a short back-off, unless the failure pauses the job (see {@link AttemptFailures}). An
   * abort from a fenced or already committed attempt changes nothing.
   */
  public void abort(UUID taskId, long epoch, UUID attemptId, TaskFailure failure) {
    database.inTransaction(
        connection -> {
          Instant now = clock.instant();
          return AttemptFailures.record(
              connection, taskId, epoch, attemptId, failure, now.plus(abortBackoff), now);
        });
  }

  private static List<PartitionStart> findStartOffsets(
      Connection connection, long jobId, Integer[] partitions) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            """
            SELECT kafka_partition, next_offset FROM job_partitions
             WHERE job_id = ? AND kafka_partition = ANY (?)
             ORDER BY kafka_partition
            """)) {
      select.setLong(1, jobId);
      Array array = connection.createArrayOf("integer", partitions);
      select.setArray(2, array);
      List<PartitionStart> starts = new ArrayList<>(partitions.length);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          starts.add(new PartitionStart(rows.getInt(1), rows.getLong(2)));
        }
      }
      if (starts.size() != partitions.length) {
        throw new IllegalStateException(
            "job " + jobId + " has tasks for partitions without offsets: " + List.of(partitions));
      }
      return starts;
    }
  }

  private static void recordWorkerSeen(Connection connection, String workerId, Instant now)
      throws SQLException {
    try (PreparedStatement upsert =
        connection.prepareStatement(
            """
            INSERT INTO workers (id, last_seen) VALUES (?, ?)
            ON CONFLICT (id) DO UPDATE SET last_seen = EXCLUDED.last_seen
            """)) {
      upsert.setString(1, workerId);
      upsert.setTimestamp(2, Timestamp.from(now));
      upsert.executeUpdate();
    }
  }
}
