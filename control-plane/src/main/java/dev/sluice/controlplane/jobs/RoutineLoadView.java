package dev.sluice.controlplane.jobs;

import static java.util.Objects.requireNonNull;

import dev.sluice.controlplane.security.SecretCipher;
import dev.sluice.controlplane.security.SecretNames;
import dev.sluice.controlplane.sql.ResultTable;
import dev.sluice.controlplane.store.Database;
import dev.sluice.controlplane.store.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders SHOW ROUTINE LOAD and SHOW ROUTINE LOAD TASK with Routine Load's fields and shapes. */
public final class RoutineLoadView {
  public static final List<String> JOB_COLUMNS =
      List.of(
          "Id",
          "Name",
          "CreateTime",
          "PauseTime",
          "EndTime",
          "DbName",
          "TableName",
          "State",
          "DataSourceType",
          "CurrentTaskNum",
          "JobProperties",
          "DataSourceProperties",
          "CustomProperties",
          "Statistic",
          "Progress",
          "TimestampProgress",
          "ReasonOfStateChanged",
          "ErrorLogUrls",
          "TrackingSQL",
          "OtherMsg",
          "LatestSourcePosition");

  public static final List<String> TASK_COLUMNS =
      List.of(
          "TaskId",
          "TxnId",
          "TxnStatus",
          "JobId",
          "CreateTime",
          "LastScheduledTime",
          "ExecuteStartTime",
          "Timeout",
          "BeId",
          "DataSourceProperties",
          "Message");

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  /** StarRocks' routine_load_unstable_threshold_second: 3600. */
  public static final Duration DEFAULT_UNSTABLE_THRESHOLD = Duration.ofHours(1);

  private final Database database;
  private final ZoneId zone;
  private final SecretCipher cipher;
  private final InstantSource clock;
  private final Duration unstableThreshold;

  public RoutineLoadView(Database database, ZoneId zone, SecretCipher cipher) {
    this(database, zone, cipher, InstantSource.system(), DEFAULT_UNSTABLE_THRESHOLD);
  }

  /**
   * @param unstableThreshold a RUNNING job with a partition whose lag of message time exceeds this
   *     shows as UNSTABLE
   */
  public RoutineLoadView(
      Database database,
      ZoneId zone,
      SecretCipher cipher,
      InstantSource clock,
      Duration unstableThreshold) {
    this.database = requireNonNull(database, "database is null");
    this.zone = requireNonNull(zone, "zone is null");
    this.cipher = requireNonNull(cipher, "cipher is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.unstableThreshold = requireNonNull(unstableThreshold, "unstableThreshold is null");
  }

  public ResultTable showJobs(List<JobRecord> jobs) {
    return database.inSnapshot(
        connection -> {
          List<List<String>> rows = new ArrayList<>();
          for (JobRecord job : jobs) {
            rows.add(jobRow(connection, job));
          }
          return ResultTable.of(JOB_COLUMNS, rows);
        });
  }

  public ResultTable showTasks(JobRecord job) {
    return database.inSnapshot(
        connection -> {
          Map<Integer, Long> offsets = new LinkedHashMap<>();
          for (PartitionState p : partitions(connection, job.id())) {
            offsets.put(p.partition(), p.nextOffset());
          }
          List<List<String>> rows = new ArrayList<>();
          try (PreparedStatement select =
              connection.prepareStatement(
                  """
                  SELECT id, last_txn_id, last_txn_status, created_at, last_scheduled_at,
                         execute_started_at, lease_owner, partitions, message, lease_expires_at
                    FROM tasks WHERE job_id = ? ORDER BY partitions[1]
                  """)) {
            select.setLong(1, job.id());
            try (ResultSet task = select.executeQuery()) {
              while (task.next()) {
                Map<String, Long> progress = new LinkedHashMap<>();
                for (Integer partition : (Integer[]) task.getArray(8).getArray()) {
                  progress.put(partition.toString(), offsets.getOrDefault(partition, 0L));
                }
                boolean leased = task.getString(7) != null;
                Long txnId = (Long) task.getObject(2);
                rows.add(
                    Arrays.asList(
                        task.getObject(1).toString(),
                        txnId == null ? "-1" : txnId.toString(),
                        task.getString(3),
                        Long.toString(job.id()),
                        time(task.getTimestamp(4)),
                        time(task.getTimestamp(5)),
                        leased ? time(task.getTimestamp(6)) : "NULL",
                        Integer.toString(job.properties().taskTimeoutSecond()),
                        leased ? task.getString(7) : "-1",
                        Json.write(progress),
                        task.getString(9)));
              }
            }
          }
          return ResultTable.of(TASK_COLUMNS, rows);
        });
  }

  private List<String> jobRow(Connection connection, JobRecord job) throws SQLException {
    List<PartitionState> partitions = partitions(connection, job.id());
    Map<String, String> progress = new LinkedHashMap<>();
    Map<String, String> timestamps = new LinkedHashMap<>();
    Map<String, String> latest = new LinkedHashMap<>();
    Instant now = clock.instant();
    boolean lagging = false;
    for (PartitionState p : partitions) {
      PartitionLag lag =
          PartitionLag.of(p.nextOffset(), p.latestOffset(), p.lastTimestampMs(), now);
      lagging |= lag.seconds().orElse(0) > unstableThreshold.toSeconds();
      String key = Integer.toString(p.partition());
      // Progress shows the last offset loaded; OFFSET_ZERO until the first commit.
      progress.put(key, p.neverCommitted() ? "OFFSET_ZERO" : Long.toString(p.nextOffset() - 1));
      if (p.lastTimestampMs() > 0) {
        timestamps.put(key, Long.toString(p.lastTimestampMs()));
      }
      latest.put(key, Long.toString(p.latestOffset()));
    }
    int taskCount = currentTaskNum(connection, job.id());
    return Arrays.asList(
        Long.toString(job.id()),
        job.name(),
        TIME.format(job.createdAt().atZone(zone)),
        job.pausedAt().map(this::time).orElse("NULL"),
        job.endedAt().map(this::time).orElse("NULL"),
        job.database(),
        job.tableName(),
        state(job.state(), lagging),
        "KAFKA",
        Integer.toString(taskCount),
        Json.write(jobProperties(job, taskCount)),
        Json.write(dataSourceProperties(job, partitions)),
        // Opened first so that a URL with credentials is shown with its host, credentials masked.
        Json.write(SecretNames.masked(cipher.openSecrets(job.source().customProperties()))),
        Json.write(statistic(job.statistics())),
        Json.write(progress),
        Json.write(timestamps),
        job.reasonOfStateChanged(),
        job.errorLogUrls(),
        "",
        job.otherMsg(),
        Json.write(latest));
  }

  /** RUNNING with a partition lagging beyond the threshold is Routine Load's UNSTABLE. */
  private static String state(JobState state, boolean lagging) {
    return state == JobState.RUNNING && lagging ? "UNSTABLE" : state.name();
  }

  /** The JobProperties field, with Routine Load's key names and order. */
  private static Map<String, String> jobProperties(JobRecord job, int taskCount) {
    JobProperties p = job.properties();
    LoadSpec spec = job.loadSpec();
    Map<String, String> map = new LinkedHashMap<>();
    map.put("partitions", spec.partitions().isEmpty() ? "*" : String.join(",", spec.partitions()));
    map.put("partial_update", "false");
    map.put("columnToColumnExpr", spec.columns().isEmpty() ? "*" : spec.columns());
    map.put("maxBatchIntervalS", Integer.toString(p.maxBatchInterval()));
    map.put("partial_update_mode", "null");
    map.put("whereExpr", spec.where().isEmpty() ? "*" : spec.where());
    map.put("dataFormat", p.format());
    map.put("timezone", p.timezone());
    map.put("format", p.format());
    map.put("log_rejected_record_num", Long.toString(p.logRejectedRecordNum()));
    map.put("taskTimeoutSecond", Integer.toString(p.taskTimeoutSecond()));
    map.put("json_root", p.jsonRoot());
    map.put("maxFilterRatio", Double.toString(p.maxFilterRatio()));
    map.put("strict_mode", Boolean.toString(p.strictMode()));
    map.put("jsonpaths", p.jsonpaths());
    map.put("taskConsumeSecond", Integer.toString(p.taskConsumeSecond()));
    map.put("desireTaskConcurrentNum", Integer.toString(p.desiredConcurrentNumber()));
    map.put("maxErrorNum", Long.toString(p.maxErrorNumber()));
    map.put("strip_outer_array", Boolean.toString(p.stripOuterArray()));
    map.put("currentTaskConcurrentNum", Integer.toString(taskCount));
    map.put("maxBatchRows", Long.toString(p.maxBatchRows()));
    if (!spec.columnSeparator().equals(LoadSpec.DEFAULT_COLUMN_SEPARATOR)) {
      map.put("column_separator", spec.columnSeparator());
    }
    return map;
  }

  private static Map<String, String> dataSourceProperties(
      JobRecord job, List<PartitionState> partitions) {
    Map<String, String> map = new LinkedHashMap<>();
    map.put("topic", job.source().topic());
    List<String> current = new ArrayList<>();
    if (partitions.isEmpty()) {
      job.source().partitions().forEach(p -> current.add(p.toString()));
    } else {
      partitions.forEach(p -> current.add(Integer.toString(p.partition())));
    }
    map.put("currentKafkaPartitions", String.join(",", current));
    map.put("brokerList", job.source().brokerList());
    return map;
  }

  private static Map<String, Long> statistic(JobRecord.Statistics s) {
    double seconds = s.taskExecuteTimeMs() / 1000.0;
    Map<String, Long> map = new LinkedHashMap<>();
    map.put("receivedBytes", s.receivedBytes());
    map.put("errorRows", s.errorRows());
    map.put("committedTaskNum", s.committedTaskNum());
    map.put("loadedRows", s.loadedRows());
    map.put("loadRowsRate", seconds > 0 ? (long) (s.loadedRows() / seconds) : 0);
    map.put("abortedTaskNum", s.abortedTaskNum());
    map.put("totalRows", s.totalRows());
    map.put("unselectedRows", s.unselectedRows());
    map.put("receivedBytesRate", seconds > 0 ? (long) (s.receivedBytes() / seconds) : 0);
    map.put("taskExecuteTimeMs", s.taskExecuteTimeMs());
    return map;
  }

  private record PartitionState(
      int partition,
      long nextOffset,
      boolean neverCommitted,
      long lastTimestampMs,
      long latestOffset) {}

  private static List<PartitionState> partitions(Connection connection, long jobId)
      throws SQLException {
    List<PartitionState> partitions = new ArrayList<>();
    try (PreparedStatement select =
        connection.prepareStatement(
            """
            SELECT kafka_partition, next_offset, never_committed, last_timestamp_ms, latest_offset
              FROM job_partitions WHERE job_id = ? ORDER BY kafka_partition
            """)) {
      select.setLong(1, jobId);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          partitions.add(
              new PartitionState(
                  rows.getInt(1),
                  rows.getLong(2),
                  rows.getBoolean(3),
                  rows.getLong(4),
                  rows.getLong(5)));
        }
      }
    }
    return partitions;
  }

  private static int currentTaskNum(Connection connection, long jobId) throws SQLException {
    try (PreparedStatement count =
        connection.prepareStatement("SELECT count(*) FROM tasks WHERE job_id = ?")) {
      count.setLong(1, jobId);
      try (ResultSet row = count.executeQuery()) {
        row.next();
        return row.getInt(1);
      }
    }
  }

  private String time(Timestamp timestamp) {
    return timestamp == null ? "NULL" : time(timestamp.toInstant());
  }

  private String time(Instant instant) {
    return TIME.format(instant.atZone(zone));
  }
}
