package dev.sluice.controlplane.jobs;

import static java.util.Objects.requireNonNull;

import dev.sluice.controlplane.catalog.CatalogService;
import dev.sluice.controlplane.catalog.TableDefinition;
import dev.sluice.controlplane.error.ErrorCode;
import dev.sluice.controlplane.error.SluiceException;
import dev.sluice.controlplane.lease.JobPauser;
import dev.sluice.controlplane.security.SecretNames;
import dev.sluice.controlplane.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The life cycle of routine load jobs, with Routine Load's rules for each state. */
public final class JobService {
  private final Database database;
  private final InstantSource clock;
  private final String defaultTimezone;
  private final KafkaClientConfig kafkaClients;

  public JobService(
      Database database,
      InstantSource clock,
      String defaultTimezone,
      KafkaClientConfig kafkaClients) {
    this.database = requireNonNull(database, "database is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.defaultTimezone = requireNonNull(defaultTimezone, "defaultTimezone is null");
    this.kafkaClients = requireNonNull(kafkaClients, "kafkaClients is null");
  }

  /** A new job in NEED_SCHEDULE; the planner turns it into tasks and RUNNING. */
  public long create(JobDefinition definition) {
    JobProperties properties =
        JobProperties.parse(definition.properties(), JobProperties.defaults(defaultTimezone));
    KafkaSourceProperties source = KafkaSourceProperties.parseForCreate(definition.source());
    SchemaRegistryUrls.validate(properties, source);
    return database.inTransaction(
        connection -> {
          TableDefinition table =
              CatalogService.requireTable(connection, definition.database(), definition.table());
          LoadSpecValidator.validate(definition.loadSpec(), properties, table);
          kafkaClients.check(connection, definition.database(), source);
          if (JobRepository.findLiveForUpdate(connection, definition.database(), definition.name())
              .isPresent()) {
            throw new SluiceException(
                ErrorCode.ALREADY_EXISTS,
                "Routine load job '"
                    + definition.name()
                    + "' already exists in database '"
                    + definition.database()
                    + "'");
          }
          long databaseId =
              CatalogService.findDatabaseId(connection, definition.database()).orElseThrow();
          return JobRepository.insert(
              connection,
              databaseId,
              table.id(),
              definition.name(),
              definition.loadSpec(),
              properties,
              kafkaClients.sealed(source),
              SecretNames.maskedSql(definition.createSql(), definition.source()));
        });
  }

  public void pause(String databaseName, String name) {
    database.inTransaction(
        connection -> {
          JobRecord job = requireLive(connection, databaseName, name);
          if (job.state() != JobState.PAUSED) {
            JobPauser.pause(connection, job.id(), "paused by user", clock.instant());
          }
          return null;
        });
  }

  /** PAUSED → NEED_SCHEDULE; the planner makes new tasks from the committed offsets. */
  public void resume(String databaseName, String name) {
    database.inTransaction(
        connection -> {
          JobRecord job = requireLive(connection, databaseName, name);
          if (job.state() == JobState.PAUSED) {
            try (PreparedStatement update =
                connection.prepareStatement(
                    """
                    UPDATE routine_load_jobs
                       SET state = 'NEED_SCHEDULE', generation = generation + 1,
                           reason_of_state_changed = '', window_rows = 0, window_error_rows = 0
                     WHERE id = ?
                    """)) {
              update.setLong(1, job.id());
              update.executeUpdate();
            }
          }
          return null;
        });
  }

  public void stop(String databaseName, String name) {
    database.inTransaction(
        connection -> {
          JobRecord job = requireLive(connection, databaseName, name);
          try (PreparedStatement update =
              connection.prepareStatement(
                  """
                  UPDATE routine_load_jobs
                     SET state = 'STOPPED', ended_at = ?, generation = generation + 1
                   WHERE id = ?
                  """)) {
            update.setTimestamp(1, Timestamp.from(clock.instant()));
            update.setLong(2, job.id());
            update.executeUpdate();
          }
          JobPauser.deleteTasks(connection, job.id());
          return null;
        });
  }

  /**
   * ALTER ROUTINE LOAD: only a PAUSED job can change. New offsets for named partitions replace
   * their committed offsets when the job resumes; partitions dropped from the list stop loading.
   */
  public void alter(JobAlteration alteration) {
    database.inTransaction(
        connection -> {
          JobRecord job = requireLive(connection, alteration.database(), alteration.name());
          if (job.state() != JobState.PAUSED) {
            throw new SluiceException(
                ErrorCode.INVALID_STATE,
                "Only a PAUSED routine load job can be altered; '"
                    + job.name()
                    + "' is "
                    + job.state()
                    + ". PAUSE ROUTINE LOAD FOR "
                    + job.name()
                    + " first.");
          }
          JobProperties properties = JobProperties.parse(alteration.properties(), job.properties());
          KafkaSourceProperties source = job.source().alter(alteration.source());
          SchemaRegistryUrls.validate(properties, source);
          LoadSpec loadSpec = alteration.loadSpec().orElse(job.loadSpec());
          TableDefinition table = CatalogService.loadTable(connection, job.tableId());
          LoadSpecValidator.validate(loadSpec, properties, table);
          kafkaClients.check(connection, job.database(), source);
          JobRepository.updateDefinition(
              connection, job.id(), loadSpec, properties, kafkaClients.sealed(source));
          forgetRestartedPartitions(connection, job.id(), alteration.source(), source);
          return null;
        });
  }

  public List<JobRecord> list(String databaseName, Optional<String> name, boolean includeFinished) {
    return database.inTransaction(
        connection -> {
          CatalogService.findDatabaseId(connection, databaseName)
              .orElseThrow(() -> CatalogService.unknownDatabase(databaseName));
          List<JobRecord> jobs =
              JobRepository.list(connection, databaseName, name, includeFinished);
          if (name.isPresent() && jobs.isEmpty()) {
            throw unknownJob(databaseName, name.get());
          }
          return jobs;
        });
  }

  /** The job of that name, the live one if any, else the latest finished one. */
  public JobRecord require(String databaseName, String name) {
    List<JobRecord> jobs = list(databaseName, Optional.of(name), true);
    for (JobRecord job : jobs) {
      if (!job.state().isFinal()) {
        return job;
      }
    }
    return jobs.get(jobs.size() - 1);
  }

  private static JobRecord requireLive(Connection connection, String databaseName, String name)
      throws SQLException {
    CatalogService.findDatabaseId(connection, databaseName)
        .orElseThrow(() -> CatalogService.unknownDatabase(databaseName));
    return JobRepository.findLiveForUpdate(connection, databaseName, name)
        .orElseThrow(() -> unknownJob(databaseName, name));
  }

  /**
   * Removes the stored offsets of partitions that were given new start offsets, or that are no
   * longer read, so the planner resolves them afresh from the job's source settings.
   */
  private static void forgetRestartedPartitions(
      Connection connection, long jobId, Map<String, String> given, KafkaSourceProperties source)
      throws SQLException {
    Set<Integer> forget = new HashSet<>();
    if (given.containsKey(KafkaSourceProperties.OFFSETS)) {
      forget.addAll(source.partitions());
    }
    try (PreparedStatement delete =
        connection.prepareStatement(
            """
            DELETE FROM job_partitions
             WHERE job_id = ?
               AND (kafka_partition = ANY (?)
                    OR (cardinality(?::int[]) > 0 AND NOT kafka_partition = ANY (?)))
            """)) {
      Object[] partitions = source.partitions().toArray();
      delete.setLong(1, jobId);
      delete.setArray(2, connection.createArrayOf("integer", forget.toArray()));
      delete.setArray(3, connection.createArrayOf("integer", partitions));
      delete.setArray(4, connection.createArrayOf("integer", partitions));
      delete.executeUpdate();
    }
  }

  static SluiceException unknownJob(String database, String name) {
    return new SluiceException(
        ErrorCode.UNKNOWN_JOB,
        "Routine load job '" + name + "' does not exist in database '" + database + "'");
  }
}
