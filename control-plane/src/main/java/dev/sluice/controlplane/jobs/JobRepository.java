package dev.sluice.controlplane.jobs;

import dev.sluice.controlplane.store.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads and writes routine load job rows; callers own the transaction. */
final class JobRepository {
  private JobRepository() {}

  private static final String SELECT =
      """
      SELECT j.id, j.name, d.name, j.table_id, t.name, j.state, j.generation, j.load_spec::text,
             j.job_properties::text, j.data_source::text, j.created_at, j.paused_at, j.ended_at,
             j.reason_of_state_changed, j.other_msg, j.error_log_urls, j.create_sql,
             j.received_bytes, j.error_rows, j.committed_task_num, j.loaded_rows,
             j.aborted_task_num, j.total_rows, j.unselected_rows, j.task_execute_time_ms
        FROM routine_load_jobs j
        JOIN databases d ON d.id = j.database_id
        JOIN tables t ON t.id = j.table_id
      """;

  static long insert(
      Connection connection,
      long databaseId,
      long tableId,
      String name,
      LoadSpec loadSpec,
      JobProperties properties,
      KafkaSourceProperties source,
      String createSql)
      throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            """
            INSERT INTO routine_load_jobs
                (database_id, name, table_id, state, load_spec, job_properties, data_source,
                 create_sql)
            VALUES (?, ?, ?, 'NEED_SCHEDULE', ?::jsonb, ?::jsonb, ?::jsonb, ?)
            RETURNING id
            """)) {
      insert.setLong(1, databaseId);
      insert.setString(2, name);
      insert.setLong(3, tableId);
      insert.setString(4, Json.write(loadSpec));
      insert.setString(5, Json.write(properties.toMap()));
      insert.setString(6, Json.write(source));
      insert.setString(7, createSql);
      try (ResultSet row = insert.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    }
  }

  static void updateDefinition(
      Connection connection,
      long jobId,
      LoadSpec loadSpec,
      JobProperties properties,
      KafkaSourceProperties source)
      throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement(
            """
            UPDATE routine_load_jobs
               SET load_spec = ?::jsonb, job_properties = ?::jsonb, data_source = ?::jsonb
             WHERE id = ?
            """)) {
      update.setString(1, Json.write(loadSpec));
      update.setString(2, Json.write(properties.toMap()));
      update.setString(3, Json.write(source));
      update.setLong(4, jobId);
      update.executeUpdate();
    }
  }

  /** The job that is not STOPPED or CANCELLED, by database and name; locked for update. */
  static Optional<JobRecord> findLiveForUpdate(Connection connection, String database, String name)
      throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            SELECT
                + " WHERE d.name = ? AND j.name = ? AND j.state NOT IN ('STOPPED', 'CANCELLED')"
                + " FOR UPDATE OF j")) {
      select.setString(1, database);
      select.setString(2, name);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? Optional.of(read(row)) : Optional.empty();
      }
    }
  }

  static Optional<JobRecord> findById(Connection connection, long jobId) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(SELECT + " WHERE j.id = ?")) {
      select.setLong(1, jobId);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? Optional.of(read(row)) : Optional.empty();
      }
    }
  }

  /**
   * Jobs of a database, optionally only those named {@code name}; final ones only when {@code
   * includeFinished}. Ordered by id, so SHOW lists jobs in creation order.
   */
  static List<JobRecord> list(
      Connection connection, String database, Optional<String> name, boolean includeFinished)
      throws SQLException {
    StringBuilder sql = new StringBuilder(SELECT).append(" WHERE d.name = ?");
    if (name.isPresent()) {
      sql.append(" AND j.name = ?");
    }
    if (!includeFinished) {
      sql.append(" AND j.state NOT IN ('STOPPED', 'CANCELLED')");
    }
    sql.append(" ORDER BY j.id");
    try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
      select.setString(1, database);
      if (name.isPresent()) {
        select.setString(2, name.get());
      }
      List<JobRecord> jobs = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          jobs.add(read(rows));
        }
      }
      return jobs;
    }
  }

  /** Ids of jobs in the given states, for the scheduler. */
  static List<Long> idsInStates(Connection connection, List<JobState> states) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT id FROM routine_load_jobs WHERE state = ANY (?) ORDER BY id")) {
      select.setArray(
          1, connection.createArrayOf("text", states.stream().map(Enum::name).toArray()));
      List<Long> ids = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          ids.add(rows.getLong(1));
        }
      }
      return ids;
    }
  }

  private static JobRecord read(ResultSet row) throws SQLException {
    return new JobRecord(
        row.getLong(1),
        row.getString(2),
        row.getString(3),
        row.getLong(4),
        row.getString(5),
        JobState.valueOf(row.getString(6)),
        row.getInt(7),
        Json.read(row.getString(8), LoadSpec.class),
        JobProperties.fromMap(Json.readStringMap(row.getString(9))),
        Json.read(row.getString(10), KafkaSourceProperties.class),
        row.getTimestamp(11).toInstant(),
        optionalInstant(row.getTimestamp(12)),
        optionalInstant(row.getTimestamp(13)),
        row.getString(14),
        row.getString(15),
        row.getString(16),
        row.getString(17),
        new JobRecord.Statistics(
            row.getLong(18),
            row.getLong(19),
            row.getLong(20),
            row.getLong(21),
            row.getLong(22),
            row.getLong(23),
            row.getLong(24),
            row.getLong(25)));
  }

  private static Optional<java.time.Instant> optionalInstant(Timestamp timestamp) {
    return Optional.ofNullable(timestamp).map(Timestamp::toInstant);
  }
}
