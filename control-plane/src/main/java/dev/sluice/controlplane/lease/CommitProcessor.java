package dev.sluice.controlplane.lease;

import static java.util.Objects.requireNonNull;

import dev.sluice.controlplane.error.ErrorCode;
import dev.sluice.controlplane.error.SluiceException;
import dev.sluice.controlplane.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.UUID;

/**
 * Applies a worker's commit in ONE PostgreSQL transaction: the heart of exactly-once.
 *
 * <p>The order of the steps matters. The task and job rows are locked first, so two sends of one
 * attempt never run side by side: a resend that overlaps the first send (its answer is late, not
 * lost) waits for the first send's transaction to end. Only then is the attempt id looked up, so
 * every send of an attempt that committed gets the same answer, even after the task moved on or was
 * deleted. The epoch check fences zombies. The offset compare-and-set makes sure no two attempts
 * ever load the same range. Only then are files added to the manifest, so a file is visible if and
 * only if its offsets advanced in the same transaction.
 *
 * <p>This relies on READ COMMITTED (set by {@link Database}): each statement sees what committed
 * before it started, so the lookup after the lock sees the load transaction of a send that held the
 * lock before.
 */
public final class CommitProcessor {
  private final Database database;
  private final InstantSource clock;

  public CommitProcessor(Database database, InstantSource clock) {
    this.database = requireNonNull(database, "database is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  /**
   * Commits the attempt, or throws {@link SluiceException} with {@link ErrorCode#LEASE_LOST},
   * {@link ErrorCode#OFFSET_CONFLICT}, {@link ErrorCode#FILTER_RATIO_EXCEEDED} or {@link
   * ErrorCode#COMMIT_REFUSED}: in all four cases nothing of the attempt was applied and the worker
   * must drop it.
   */
  public CommitResult commit(CommitRequest request) {
    requireNonNull(request, "request is null");
    Outcome outcome;
    try {
      outcome = database.inTransaction(connection -> commit(connection, request));
    } catch (SluiceException e) {
      if (e.code() != ErrorCode.INVALID_ARGUMENT) {
        throw e;
      }
      throw refuse(request, e);
    }
    if (outcome instanceof Rejected rejected) {
      throw new SluiceException(ErrorCode.FILTER_RATIO_EXCEEDED, rejected.reason());
    }
    return ((Committed) outcome).result();
  }

  /**
   * The commit holds a value PostgreSQL refuses to store (its transaction rolled back): every send
   * would fail the same way, so the attempt is dropped and counted as a deterministic failure,
   * which pauses the job when it repeats.
   */
  private SluiceException refuse(CommitRequest request, SluiceException refusal) {
    String reason = "the commit cannot be stored: " + refusal.getMessage();
    database.inTransaction(
        connection -> {
          Instant now = clock.instant();
          return AttemptFailures.record(
              connection,
              request.taskId(),
              request.epoch(),
              request.attemptId(),
              new TaskFailure(reason, true, Optional.empty()),
              now,
              now);
        });
    return new SluiceException(
        ErrorCode.COMMIT_REFUSED, "Commit refused, " + reason + ". Drop the attempt.", refusal);
  }

  /** What the transaction did; a rejection still commits (it pauses the job). */
  private sealed interface Outcome permits Committed, Rejected {}

  private record Committed(CommitResult result) implements Outcome {}

  private record Rejected(String reason) implements Outcome {}

  private Outcome commit(Connection connection, CommitRequest request) throws SQLException {
    Optional<LockedTask> task = lockTask(connection, request.taskId());
    Optional<Long> earlier = findCommittedTxn(connection, request.attemptId());
    if (earlier.isPresent()) {
      return new Committed(new CommitResult(earlier.get(), true));
    }
    Instant now = clock.instant();
    JobLimits job = checkCurrentLease(task, request);

    LoadStatistics stats = request.statistics();
    if (exceedsFilterRatio(stats, job.maxFilterRatio())) {
      // The batch fails as a whole: nothing is applied, and the job pauses so the data can be
      // inspected instead of failing the same batch forever.
      String reason =
          "Too many filtered rows: "
              + stats.errorRows()
              + " error rows out of "
              + stats.totalRows()
              + " exceed max_filter_ratio "
              + job.maxFilterRatio();
      abortAndPause(connection, job, reason, request.errorLogUrl(), now);
      return new Rejected(reason);
    }

    if (readNothing(request)) {
      // StarRocks counts only real transactions: nothing to record, the task just waits.
      releaseTask(connection, job, request, Optional.empty(), now);
      return new Committed(new CommitResult(0, false));
    }
    advanceOffsets(connection, job.jobId(), request);
    long txnId = recordTransaction(connection, job.jobId(), request, now);
    addFilesToManifest(connection, job.tableId(), txnId, request);
    addStatistics(connection, job, request, now);
    releaseTask(connection, job, request, Optional.of(txnId), now);
    return new Committed(new CommitResult(txnId, false));
  }

  /** No record was read and no offset moves (a gap to step over still needs a transaction). */
  private static boolean readNothing(CommitRequest request) {
    if (request.statistics().totalRows() > 0 || !request.files().isEmpty()) {
      return false;
    }
    for (PartitionProgress progress : request.progress()) {
      if (progress.endOffset() != progress.startOffset()) {
        return false;
      }
    }
    return true;
  }

  private static Optional<Long> findCommittedTxn(Connection connection, UUID attemptId)
      throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement("SELECT id FROM load_transactions WHERE attempt_id = ?")) {
      select.setObject(1, attemptId);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? Optional.of(row.getLong(1)) : Optional.empty();
      }
    }
  }

  /** The task row as locked, with its job's limits; absent when the task no longer exists. */
  private record LockedTask(long epoch, Optional<UUID> attemptId, JobLimits job) {}

  /**
   * Locks the task and its job row, so that commits of one job (and sends of one attempt) queue.
   */
  private static Optional<LockedTask> lockTask(Connection connection, UUID taskId)
      throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            """
            SELECT t.lease_epoch, t.attempt_id, j.id, j.table_id,
                   (j.job_properties->>'max_batch_interval')::bigint,
                   (j.job_properties->>'max_batch_rows')::bigint,
                   (j.job_properties->>'max_error_number')::bigint,
                   (j.job_properties->>'max_filter_ratio')::double precision
              FROM tasks t JOIN routine_load_jobs j ON j.id = t.job_id
             WHERE t.id = ?
               FOR UPDATE OF t, j
            """)) {
      select.setObject(1, taskId);
      try (ResultSet row = select.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new LockedTask(
                row.getLong(1),
                Optional.ofNullable(row.getObject(2, UUID.class)),
                new JobLimits(
                    row.getLong(3),
                    row.getLong(4),
                    row.getLong(5),
                    row.getLong(6),
                    row.getLong(7),
                    row.getDouble(8))));
      }
    }
  }

  /** The job's limits if the task's lease is still this attempt's; else the attempt is fenced. */
  private static JobLimits checkCurrentLease(Optional<LockedTask> task, CommitRequest request) {
    if (task.isEmpty()) {
      throw leaseLost(request, "the task no longer exists (job paused, altered or stopped)");
    }
    LockedTask locked = task.get();
    if (locked.epoch() != request.epoch()
        || !locked.attemptId().equals(Optional.of(request.attemptId()))) {
      throw leaseLost(
          request,
          locked.epoch() != request.epoch()
              ? "the lease moved on to epoch " + locked.epoch()
              : "the task was released (its lease expired or it was given back)");
    }
    return locked.job();
  }

  private static SluiceException leaseLost(CommitRequest request, String why) {
    return new SluiceException(
        ErrorCode.LEASE_LOST,
        "Lease lost for task "
            + request.taskId()
            + " at epoch "
            + request.epoch()
            + ": "
            + why
            + ". Drop the attempt.");
  }

  private static boolean exceedsFilterRatio(LoadStatistics stats, double maxFilterRatio) {
    // Rows removed by WHERE are not errors and do not count towards the ratio.
    long considered = stats.totalRows() - stats.unselectedRows();
    return considered > 0 && (double) stats.errorRows() / considered > maxFilterRatio;
  }

  private static void advanceOffsets(Connection connection, long jobId, CommitRequest request)
      throws SQLException {
    try (PreparedStatement cas =
        connection.prepareStatement(
            """
            UPDATE job_partitions
               SET next_offset = ?, never_committed = FALSE,
                   last_timestamp_ms = GREATEST(last_timestamp_ms, ?)
             WHERE job_id = ? AND kafka_partition = ? AND next_offset = ?
            """)) {
      for (PartitionProgress progress : request.progress()) {
        cas.setLong(1, progress.endOffset());
        cas.setLong(2, progress.lastTimestampMs());
        cas.setLong(3, jobId);
        cas.setInt(4, progress.partition());
        cas.setLong(5, progress.startOffset());
        if (cas.executeUpdate() != 1) {
          // Throwing rolls the whole transaction back: no offset moves, no file becomes visible.
          throw new SluiceException(
              ErrorCode.OFFSET_CONFLICT,
              "Offset conflict on partition "
                  + progress.partition()
                  + ": the attempt started at "
                  + progress.startOffset()
                  + " but the committed offset is elsewhere. Drop the attempt.");
        }
      }
    }
  }

  private static long recordTransaction(
      Connection connection, long jobId, CommitRequest request, Instant now) throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            """
            INSERT INTO load_transactions
                (attempt_id, job_id, task_id, lease_epoch, progress, received_bytes, total_rows,
                 loaded_rows, error_rows, unselected_rows, committed_at)
            VALUES (?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?)
            RETURNING id
            """)) {
      LoadStatistics stats = request.statistics();
      insert.setObject(1, request.attemptId());
      insert.setLong(2, jobId);
      insert.setObject(3, request.taskId());
      insert.setLong(4, request.epoch());
      insert.setString(5, progressJson(request));
      insert.setLong(6, stats.receivedBytes());
      insert.setLong(7, stats.totalRows());
      insert.setLong(8, stats.loadedRows());
      insert.setLong(9, stats.errorRows());
      insert.setLong(10, stats.unselectedRows());
      insert.setTimestamp(11, Timestamp.from(now));
      try (ResultSet row = insert.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    }
  }

  private static String progressJson(CommitRequest request) {
    StringBuilder json = new StringBuilder("[");
    for (PartitionProgress p : request.progress()) {
      if (json.length() > 1) {
        json.append(',');
      }
      json.append("{\"partition\":")
          .append(p.partition())
          .append(",\"start\":")
          .append(p.startOffset())
          .append(",\"end\":")
          .append(p.endOffset())
          .append('}');
    }
    return json.append(']').toString();
  }

  private static void addFilesToManifest(
      Connection connection, long tableId, long txnId, CommitRequest request) throws SQLException {
    if (request.files().isEmpty()) {
      return;
    }
    try (PreparedStatement insert =
        connection.prepareStatement(
            """
            INSERT INTO manifest_files
                (table_id, txn_id, partition_value, bucket, object_key, row_count, size_bytes,
                 column_stats)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb)
            """)) {
      for (CommittedFile file : request.files()) {
        insert.setLong(1, tableId);
        insert.setLong(2, txnId);
        insert.setString(3, file.partitionValue());
        insert.setInt(4, file.bucket());
        insert.setString(5, file.objectKey());
        insert.setLong(6, file.rowCount());
        insert.setLong(7, file.sizeBytes());
        insert.setString(8, file.columnStatsJson());
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  /**
   * Adds the attempt's numbers to the job and evaluates the error-row window: more than
   * max_error_number error rows within a window of 10 x max_batch_rows rows pauses the job. The
   * batch itself still commits, so its good rows load and its offsets advance.
   */
  private static void addStatistics(
      Connection connection, JobLimits job, CommitRequest request, Instant now)
      throws SQLException {
    LoadStatistics stats = request.statistics();
    long windowRows;
    long windowErrors;
    try (PreparedStatement update =
        connection.prepareStatement(
            """
            UPDATE routine_load_jobs
               SET received_bytes = received_bytes + ?, total_rows = total_rows + ?,
                   loaded_rows = loaded_rows + ?, error_rows = error_rows + ?,
                   unselected_rows = unselected_rows + ?,
                   task_execute_time_ms = task_execute_time_ms + ?,
                   committed_task_num = committed_task_num + 1,
                   window_rows = window_rows + ?, window_error_rows = window_error_rows + ?,
                   error_log_urls = CASE WHEN ? = '' THEN error_log_urls ELSE ? END
             WHERE id = ?
            RETURNING window_rows, window_error_rows
            """)) {
      update.setLong(1, stats.receivedBytes());
      update.setLong(2, stats.totalRows());
      update.setLong(3, stats.loadedRows());
      update.setLong(4, stats.errorRows());
      update.setLong(5, stats.unselectedRows());
      update.setLong(6, stats.taskExecuteTimeMs());
      update.setLong(7, stats.totalRows());
      update.setLong(8, stats.errorRows());
      update.setString(9, request.errorLogUrl());
      update.setString(10, request.errorLogUrl());
      update.setLong(11, job.jobId());
      try (ResultSet row = update.executeQuery()) {
        row.next();
        windowRows = row.getLong(1);
        windowErrors = row.getLong(2);
      }
    }
    boolean tooManyErrors = windowErrors > job.maxErrorNumber();
    boolean windowFull = windowRows >= errorWindowRows(job.maxBatchRows());
    if (tooManyErrors || windowFull) {
      try (PreparedStatement reset =
          connection.prepareStatement(
              "UPDATE routine_load_jobs SET window_rows = 0, window_error_rows = 0 WHERE id = ?")) {
        reset.setLong(1, job.jobId());
        reset.executeUpdate();
      }
    }
    if (tooManyErrors) {
      JobPauser.pause(
          connection,
          job.jobId(),
          "Too many error rows: "
              + windowErrors
              + " error rows in the last "
              + windowRows
              + " rows exceed max_error_number "
              + job.maxErrorNumber()
              + ". See ErrorLogUrls; fix the data or ALTER max_error_number, then RESUME.",
          now);
    }
  }

  /** The error-row window is 10 x max_batch_rows rows, saturating instead of overflowing. */
  static long errorWindowRows(long maxBatchRows) {
    return maxBatchRows > Long.MAX_VALUE / 10 ? Long.MAX_VALUE : 10 * maxBatchRows;
  }

  private static void releaseTask(
      Connection connection,
      JobLimits job,
      CommitRequest request,
      Optional<Long> txnId,
      Instant now)
      throws SQLException {
    // A partition that is behind runs again at once; a drained one waits max_batch_interval.
    Instant runnableAt = request.drained() ? now.plusSeconds(job.maxBatchIntervalS()) : now;
    String message =
        request.drained()
            ? "there is no new data in kafka, wait for "
                + job.maxBatchIntervalS()
                + " seconds to schedule again"
            : "";
    try (PreparedStatement release =
        connection.prepareStatement(
            """
            UPDATE tasks
               SET lease_owner = NULL, lease_expires_at = NULL, attempt_id = NULL,
                   runnable_at = ?, message = ?, failure_streak = 0,
               last_txn_id = COALESCE(?, last_txn_id),
               last_txn_status = CASE WHEN ? THEN 'VISIBLE' ELSE last_txn_status END
             WHERE id = ?
            """)) {
      release.setTimestamp(1, Timestamp.from(runnableAt));
      release.setString(2, message);
      release.setObject(3, txnId.orElse(null), java.sql.Types.BIGINT);
      release.setBoolean(4, txnId.isPresent());
      release.setObject(5, request.taskId());
      release.executeUpdate();
    }
  }

  /** Counts the failed batch and pauses; its rejected-record log is what the user needs to see. */
  private static void abortAndPause(
      Connection connection, JobLimits job, String reason, String errorLogUrl, Instant now)
      throws SQLException {
    try (PreparedStatement count =
        connection.prepareStatement(
            """
            UPDATE routine_load_jobs
               SET aborted_task_num = aborted_task_num + 1,
                   error_log_urls = CASE WHEN ? = '' THEN error_log_urls ELSE ? END
             WHERE id = ?
            """)) {
      count.setString(1, errorLogUrl);
      count.setString(2, errorLogUrl);
      count.setLong(3, job.jobId());
      count.executeUpdate();
    }
    JobPauser.pause(connection, job.jobId(), reason, now);
  }

  private record JobLimits(
      long jobId,
      long tableId,
      long maxBatchIntervalS,
      long maxBatchRows,
      long maxErrorNumber,
      double maxFilterRatio) {}
}
