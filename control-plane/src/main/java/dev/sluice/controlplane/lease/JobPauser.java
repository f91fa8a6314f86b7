package dev.sluice.controlplane.lease;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * Pauses a job inside the caller's transaction: the state becomes PAUSED, the generation moves on
 * and the job's tasks are deleted, so any attempt still running is fenced at its next heartbeat or
 * commit. Used for automatic pauses (error rows, offsets out of range) and by PAUSE ROUTINE LOAD.
 */
public final class JobPauser {
  private JobPauser() {}

  /** Returns false when the job was not in a state that can pause (already paused or final). */
  public static boolean pause(Connection connection, long jobId, String reason, Instant now)
      throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement(
            """
            UPDATE routine_load_jobs
               SET state = 'PAUSED', paused_at = ?, generation = generation + 1,
                   reason_of_state_changed = ?
             WHERE id = ? AND state IN ('NEED_SCHEDULE', 'RUNNING')
            """)) {
      update.setTimestamp(1, Timestamp.from(now));
      update.setString(2, reason);
      update.setLong(3, jobId);
      if (update.executeUpdate() == 0) {
        return false;
      }
    }
    deleteTasks(connection, jobId);
    return true;
  }

  /** Deletes a job's tasks, fencing every attempt of them that is still running. */
  public static void deleteTasks(Connection connection, long jobId) throws SQLException {
    try (PreparedStatement delete =
        connection.prepareStatement("DELETE FROM tasks WHERE job_id = ?")) {
      delete.setLong(1, jobId);
      delete.executeUpdate();
    }
  }
}
