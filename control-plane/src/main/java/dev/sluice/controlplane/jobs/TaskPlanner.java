package dev.sluice.controlplane.jobs;

import static java.util.Objects.requireNonNull;

import dev.sluice.controlplane.error.SluiceException;
import dev.sluice.controlplane.jobs.KafkaSourceProperties.StartOffset;
import dev.sluice.controlplane.lease.JobPauser;
import dev.sluice.controlplane.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns jobs into tasks. For each NEED_SCHEDULE or RUNNING job it finds the partitions to read,
 * resolves the start offsets of partitions seen for the first time, records Kafka's end offsets
 * (LatestSourcePosition), and — when the job is new, resumed, or its task count or partitions
 * changed — replaces its tasks with a fresh plan.
 *
 * <p>Task concurrency = min(alive workers, partitions, desired_concurrent_number,
 * max_routine_load_task_concurrent_num); partitions are dealt round-robin. Kafka is asked before
 * the transaction opens; the transaction then re-checks that the job did not change meanwhile, so
 * replicas planning at the same time cannot undo each other.
 */
public final class TaskPlanner {
  private static final Logger LOG = Logger.getLogger(TaskPlanner.class.getName());

  private final Database database;
  private final KafkaMetadata kafka;
  private final KafkaClientConfig kafkaClients;
  private final InstantSource clock;
  private final int maxConcurrentTasks;
  private final Duration workerAliveWindow;

  public TaskPlanner(
      Database database,
      KafkaMetadata kafka,
      KafkaClientConfig kafkaClients,
      InstantSource clock,
      int maxConcurrentTasks,
      Duration workerAliveWindow) {
    this.database = requireNonNull(database, "database is null");
    this.kafka = requireNonNull(kafka, "kafka is null");
    this.kafkaClients = requireNonNull(kafkaClients, "kafkaClients is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.maxConcurrentTasks = maxConcurrentTasks;
    this.workerAliveWindow = requireNonNull(workerAliveWindow, "workerAliveWindow is null");
  }

  /** Plans every job that needs it; one job's failure does not stop the others. */
  public void planAll() {
    List<Long> ids =
        database.inTransaction(
            connection ->
                JobRepository.idsInStates(
                    connection, List.of(JobState.NEED_SCHEDULE, JobState.RUNNING)));
    for (long id : ids) {
      try {
        plan(id);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "planning job " + id + " failed: " + e.getMessage(), e);
      }
    }
  }

  public void plan(long jobId) {
    Optional<JobRecord> found =
        database.inTransaction(connection -> JobRepository.findById(connection, jobId));
    if (found.isEmpty()
        || found.get().state().isFinal()
        || found.get().state() == JobState.PAUSED) {
      return;
    }
    JobRecord job = found.get();
    KafkaSourceProperties source = job.source();
    Optional<KafkaFacts> facts;
    try {
      // The resolved source carries Kafka client settings only; kafka_default_offsets stays here.
      facts =
          askKafka(
              kafkaClients.resolve(job), knownOffsets(jobId), source.startOffsetOfAddedPartition());
    } catch (SluiceException e) {
      // Kafka unreachable: keep the job as it is and tell the user why nothing moves.
      database.inTransaction(connection -> setOtherMsg(connection, jobId, e.getMessage()));
      return;
    }
    database.inTransaction(
        connection -> {
          Optional<JobRecord> current =
              JobRepository.findLiveForUpdate(connection, job.database(), job.name());
          if (current.isEmpty()
              || current.get().id() != jobId
              || current.get().generation() != job.generation()
              || current.get().state() != job.state()) {
            return null;
          }
          if (facts.isEmpty()) {
            JobPauser.pause(
                connection,
                jobId,
                "Kafka topic '" + source.topic() + "' does not exist at " + source.brokerList(),
                clock.instant());
            return null;
          }
          apply(connection, job, facts.get());
          return null;
        });
  }

  /** What Kafka said: the partitions to read, start offsets of new ones, and end offsets. */
  private record KafkaFacts(
      List<Integer> partitions, Map<Integer, Long> newStarts, Map<Integer, Long> endOffsets) {}

  /**
   * @param known partitions with stored offsets; when there are some, the job has started and a
   *     partition new to it was added to the topic since
   * @param addedStart where such an added partition starts (decision 0040)
   */
  private Optional<KafkaFacts> askKafka(
      KafkaSourceProperties source, Set<Integer> known, StartOffset addedStart) {
    Optional<List<Integer>> existing = kafka.findPartitions(source);
    if (existing.isEmpty()) {
      return Optional.empty();
    }
    List<Integer> partitions = source.partitions().isEmpty() ? existing.get() : source.partitions();
    for (int partition : partitions) {
      if (!existing.get().contains(partition)) {
        throw new SluiceException(
            dev.sluice.controlplane.error.ErrorCode.KAFKA_ERROR,
            "Kafka topic '" + source.topic() + "' has no partition " + partition);
      }
    }
    Map<Integer, Long> ends = kafka.endOffsets(source, partitions);
    List<Integer> fresh = partitions.stream().filter(p -> !known.contains(p)).toList();
    Map<Integer, Long> starts = new HashMap<>();
    List<Integer> fromBeginning = new ArrayList<>();
    // Only a job reading every partition discovers partitions; listed ones start as the list says.
    boolean discovering = !known.isEmpty() && source.partitions().isEmpty();
    for (int partition : fresh) {
      StartOffset start = discovering ? addedStart : source.startOffsetOf(partition);
      switch (start.kind()) {
        case BEGINNING -> fromBeginning.add(partition);
        case END -> starts.put(partition, ends.get(partition));
        case EXACT -> starts.put(partition, start.offset());
      }
    }
    if (!fromBeginning.isEmpty()) {
      starts.putAll(kafka.beginningOffsets(source, fromBeginning));
    }
    return Optional.of(new KafkaFacts(partitions, starts, ends));
  }

  private void apply(Connection connection, JobRecord job, KafkaFacts facts) throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            """
            INSERT INTO job_partitions (job_id, kafka_partition, next_offset)
            VALUES (?, ?, ?) ON CONFLICT DO NOTHING
            """)) {
      for (Map.Entry<Integer, Long> start : facts.newStarts().entrySet()) {
        insert.setLong(1, job.id());
        insert.setInt(2, start.getKey());
        insert.setLong(3, start.getValue());
        insert.addBatch();
      }
      insert.executeBatch();
    }
    try (PreparedStatement latest =
        connection.prepareStatement(
            "UPDATE job_partitions SET latest_offset = ? WHERE job_id = ? AND kafka_partition = ?")) {
      for (Map.Entry<Integer, Long> end : facts.endOffsets().entrySet()) {
        latest.setLong(1, end.getValue());
        latest.setLong(2, job.id());
        latest.setInt(3, end.getKey());
        latest.addBatch();
      }
      latest.executeBatch();
    }
    setOtherMsg(connection, job.id(), "");

    List<List<Integer>> plan =
        deal(facts.partitions(), concurrency(connection, job, facts.partitions().size()));
    if (job.state() == JobState.NEED_SCHEDULE || !plan.equals(currentPlan(connection, job.id()))) {
      replaceTasks(connection, job, plan);
    }
  }

  private int concurrency(Connection connection, JobRecord job, int partitions)
      throws SQLException {
    int alive;
    try (PreparedStatement count =
        connection.prepareStatement("SELECT count(*) FROM workers WHERE last_seen >= ?")) {
      count.setTimestamp(1, Timestamp.from(clock.instant().minus(workerAliveWindow)));
      try (ResultSet row = count.executeQuery()) {
        row.next();
        alive = row.getInt(1);
      }
    }
    // With no worker seen yet, plan one task so the first worker to arrive finds work.
    int workers = Math.max(1, alive);
    return Math.max(
        1,
        Math.min(
            Math.min(workers, partitions),
            Math.min(job.properties().desiredConcurrentNumber(), maxConcurrentTasks)));
  }

  /** Deals the partitions round-robin over {@code tasks} tasks. */
  static List<List<Integer>> deal(List<Integer> partitions, int tasks) {
    List<Integer> sorted = partitions.stream().sorted().toList();
    List<List<Integer>> plan = new ArrayList<>();
    for (int t = 0; t < tasks; t++) {
      plan.add(new ArrayList<>());
    }
    for (int i = 0; i < sorted.size(); i++) {
      plan.get(i % tasks).add(sorted.get(i));
    }
    return plan;
  }

  private static List<List<Integer>> currentPlan(Connection connection, long jobId)
      throws SQLException {
    List<List<Integer>> plan = new ArrayList<>();
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT partitions FROM tasks WHERE job_id = ? ORDER BY partitions[1]")) {
      select.setLong(1, jobId);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          plan.add(List.of((Integer[]) rows.getArray(1).getArray()));
        }
      }
    }
    return plan;
  }

  private void replaceTasks(Connection connection, JobRecord job, List<List<Integer>> plan)
      throws SQLException {
    Instant now = clock.instant();
    JobPauser.deleteTasks(connection, job.id());
    try (PreparedStatement insert =
        connection.prepareStatement(
            """
            INSERT INTO tasks (id, job_id, generation, partitions, runnable_at, created_at)
            VALUES (?, ?, ?, ?, ?, ?)
            """)) {
      for (List<Integer> partitions : plan) {
        insert.setObject(1, UUID.randomUUID());
        insert.setLong(2, job.id());
        insert.setInt(3, job.generation());
        insert.setArray(4, connection.createArrayOf("integer", partitions.toArray()));
        insert.setTimestamp(5, Timestamp.from(now));
        insert.setTimestamp(6, Timestamp.from(now));
        insert.addBatch();
      }
      insert.executeBatch();
    }
    try (PreparedStatement running =
        connection.prepareStatement(
            "UPDATE routine_load_jobs SET state = 'RUNNING' WHERE id = ?")) {
      running.setLong(1, job.id());
      running.executeUpdate();
    }
  }

  private Set<Integer> knownOffsets(long jobId) {
    return database.inTransaction(
        connection -> {
          Set<Integer> known = new HashSet<>();
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT kafka_partition FROM job_partitions WHERE job_id = ?")) {
            select.setLong(1, jobId);
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                known.add(rows.getInt(1));
              }
            }
          }
          return known;
        });
  }

  private static Void setOtherMsg(Connection connection, long jobId, String message)
      throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE routine_load_jobs SET other_msg = ? WHERE id = ? AND other_msg <> ?")) {
      update.setString(1, message);
      update.setLong(2, jobId);
      update.setString(3, message);
      update.executeUpdate();
    }
    return null;
  }
}
