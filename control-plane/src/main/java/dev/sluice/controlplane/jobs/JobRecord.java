package dev.sluice.controlplane.jobs;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/** A routine load job as stored, with its definition parsed back into typed values. */
public record JobRecord(
    long id,
    String name,
    String database,
    long tableId,
    String tableName,
    JobState state,
    int generation,
    LoadSpec loadSpec,
    JobProperties properties,
    KafkaSourceProperties source,
    Instant createdAt,
    Optional<Instant> pausedAt,
    Optional<Instant> endedAt,
    String reasonOfStateChanged,
    String otherMsg,
    String errorLogUrls,
    String createSql,
    Statistics statistics) {

  public JobRecord {
    requireNonNull(name, "name is null");
    requireNonNull(database, "database is null");
    requireNonNull(tableName, "tableName is null");
    requireNonNull(state, "state is null");
    requireNonNull(loadSpec, "loadSpec is null");
    requireNonNull(properties, "properties is null");
    requireNonNull(source, "source is null");
    requireNonNull(createdAt, "createdAt is null");
    requireNonNull(pausedAt, "pausedAt is null");
    requireNonNull(endedAt, "endedAt is null");
    requireNonNull(reasonOfStateChanged, "reasonOfStateChanged is null");
    requireNonNull(otherMsg, "otherMsg is null");
    requireNonNull(errorLogUrls, "errorLogUrls is null");
    requireNonNull(createSql, "createSql is null");
    requireNonNull(statistics, "statistics is null");
  }

  /** The job's Statistic: totals over every committed and aborted task. */
  public record Statistics(
      long receivedBytes,
      long errorRows,
      long committedTaskNum,
      long loadedRows,
      long abortedTaskNum,
      long totalRows,
      long unselectedRows,
      long taskExecuteTimeMs) {}
}
