package dev.sluice.controlplane.lease;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

/**
 * Records a failed attempt inside the caller's transaction: the task is released (if the attempt
 * still holds it), the job counts an aborted task, and work that can never succeed pauses the job
 * instead of failing round after round: an offset out of range at once, the same deterministic
 * error {@value #DETERMINISTIC_FAILURES_TO_PAUSE} times in a row.
 */
final class AttemptFailures {
  /** Not one: during a rolling upgrade an older worker may refuse a setting a newer one can use. */
  static final int DETERMINISTIC_FAILURES_TO_PAUSE = 3;

  private AttemptFailures() {}

  /** Returns false when the attempt no longer held its task (fenced, or it had committed). */
  static boolean record(
      Connection connection,
      UUID taskId,
      long epoch,
      UUID attemptId,
      TaskFailure failure,
      Instant runnableAt,
      Instant now)
      throws SQLException {
    long jobId;
    int streak;
    String partitions;
    // The attempt id matters as much as the epoch: a commit releases the task without bumping the
    // epoch, and a late abort of that attempt must not mark its committed round ABORTED or pause
    // the job. The streak grows only while the same deterministic error repeats.
    try (PreparedStatement release =
        connection.prepareStatement(
            """
            UPDATE tasks
               SET lease_owner = NULL, lease_expires_at = NULL, attempt_id = NULL,
                   runnable_at = ?, message = ?, last_txn_status = 'ABORTED',
                   failure_streak = CASE WHEN NOT ? THEN 0
                                         WHEN message = ? THEN failure_streak + 1
                                         ELSE 1 END
             WHERE id = ? AND lease_epoch = ? AND attempt_id = ?
            RETURNING job_id, failure_streak, partitions
            """)) {
      release.setTimestamp(1, Timestamp.from(runnableAt));
      release.setString(2, failure.reason());
      release.setBoolean(3, failure.deterministic());
      release.setString(4, failure.reason());
      release.setObject(5, taskId);
      release.setLong(6, epoch);
      release.setObject(7, attemptId);
      try (ResultSet row = release.executeQuery()) {
        if (!row.next()) {
          return false;
        }
        jobId = row.getLong(1);
        streak = row.getInt(2);
        Array array = row.getArray(3);
        partitions = Arrays.toString((Integer[]) array.getArray());
      }
    }
    try (PreparedStatement count =
        connection.prepareStatement(
            "UPDATE routine_load_jobs SET aborted_task_num = aborted_task_num + 1 WHERE id = ?")) {
      count.setLong(1, jobId);
      count.executeUpdate();
    }
    if (failure.offsetOutOfRange().isPresent()) {
      PartitionStart bad = failure.offsetOutOfRange().get();
      JobPauser.pause(
          connection,
          jobId,
          "Offset out of range: partition "
              + bad.partition()
              + " has no offset "
              + bad.startOffset()
              + " (removed by retention, or beyond the end). "
              + "ALTER ROUTINE LOAD the offsets, then RESUME.",
          now);
    } else if (streak >= DETERMINISTIC_FAILURES_TO_PAUSE) {
      JobPauser.pause(
          connection,
          jobId,
          "The task for partitions "
              + partitions
              + " failed "
              + streak
              + " times in a row: "
              + failure.reason()
              + ". It cannot succeed as the job stands: fix it (ALTER ROUTINE LOAD), then RESUME.",
          now);
    }
    return true;
  }
}
