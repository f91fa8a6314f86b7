package dev.sluice.controlplane.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.controlplane.autoscale.AutoscalePolicy;
import dev.sluice.controlplane.autoscale.AutoscaleSettings;
import dev.sluice.controlplane.autoscale.AutoscaleStore;
import dev.sluice.controlplane.jobs.KafkaMetadata;
import dev.sluice.controlplane.jobs.KafkaSourceProperties;
import dev.sluice.controlplane.jobs.PartitionLag;
import dev.sluice.controlplane.jobs.TaskPlanner;
import dev.sluice.controlplane.security.SecretCipher;
import dev.sluice.controlplane.sql.ResultTable;
import dev.sluice.controlplane.sql.SqlService;
import dev.sluice.controlplane.sql.TestSqlServices;
import dev.sluice.controlplane.store.Database;
import dev.sluice.controlplane.store.TestDatabases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The figures behind metrics, autoscaling and the UNSTABLE sub-state, read from a real PostgreSQL
 * where a job was created over SQL and planned by the real planner. Kafka's answers come from a
 * hand-written fake: these tests are about what the control plane does with them.
 */
class OperationsIT {
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  /** Kafka as the planner sees it: three partitions with fixed end offsets. */
  private static final class FakeKafka implements KafkaMetadata {
    @Override
    public Optional<List<Integer>> findPartitions(KafkaSourceProperties source) {
      return Optional.of(List.of(0, 1, 2));
    }

    @Override
    public Map<Integer, Long> beginningOffsets(
        KafkaSourceProperties source, List<Integer> partitions) {
      return Map.of(0, 0L, 1, 0L, 2, 0L);
    }

    @Override
    public Map<Integer, Long> endOffsets(KafkaSourceProperties source, List<Integer> partitions) {
      return Map.of(0, 100L, 1, 50L, 2, 0L);
    }
  }

  private DataSource dataSource;
  private Database database;
  private SqlService sql;
  private long jobId;

  @BeforeEach
  void createPlannedJob() throws SQLException {
    dataSource = TestDatabases.createMigrated("ops");
    database = new Database(dataSource);
    InstantSource clock = InstantSource.fixed(NOW);
    sql =
        TestSqlServices.create(
            database, "/tmp/sluice-ops-it", SecretCipher.disabled(), clock, Duration.ofHours(1));
    sql.execute(
        """
        CREATE DATABASE shop;
        USE shop;
        CREATE TABLE clicks (`uid` bigint NOT NULL) DISTRIBUTED BY HASH(`uid`) BUCKETS 1;
        CREATE ROUTINE LOAD shop.clicks_job ON clicks
        PROPERTIES ("format" = "JSON")
        FROM KAFKA (
            "kafka_broker_list" = "kafka:9092",
            "kafka_topic" = "clicks",
            "property.kafka_default_offsets" = "OFFSET_BEGINNING"
        );
        """,
        Optional.empty());
    // Two workers alive: the planner makes two tasks for the three partitions.
    execute("INSERT INTO workers (id, last_seen) VALUES ('w1', ?), ('w2', ?)", NOW, NOW);
    new TaskPlanner(
            database,
            new FakeKafka(),
            TestSqlServices.kafkaClients(database, SecretCipher.disabled()),
            clock,
            5,
            Duration.ofSeconds(15))
        .planAll();
    jobId = queryLong("SELECT id FROM routine_load_jobs WHERE name = 'clicks_job'");
  }

  @Test
  void snapshotHoldsLagPerPartitionTasksLeasesAndWorkers() throws SQLException {
    // Partition 0 loaded up to offset 40 with its last message two hours old; 1 is caught up;
    // 2 is empty. One of the two tasks is leased.
    commitProgress(0, 40, NOW.minus(Duration.ofHours(2)));
    commitProgress(1, 50, NOW.minusSeconds(5));
    execute(
        "UPDATE tasks SET lease_owner = 'w1', lease_expires_at = ? WHERE id ="
            + " (SELECT id FROM tasks ORDER BY partitions[1] LIMIT 1)",
        NOW.plusSeconds(30));

    OpsSnapshot snapshot = new OpsReader(database, 5, Duration.ofSeconds(15)).read(NOW);

    assertThat(snapshot.partitions())
        .containsExactly(
            new OpsSnapshot.PartitionRow(
                "shop", "clicks_job", 0, new PartitionLag(60, OptionalDouble.of(7200))),
            new OpsSnapshot.PartitionRow(
                "shop", "clicks_job", 1, new PartitionLag(0, OptionalDouble.of(0))),
            new OpsSnapshot.PartitionRow(
                "shop", "clicks_job", 2, new PartitionLag(0, OptionalDouble.of(0))));
    assertThat(snapshot.leasedTasks()).isEqualTo(1);
    assertThat(snapshot.runnableTasks()).isEqualTo(1);
    assertThat(snapshot.usefulTasks()).as("min(3 partitions, desired 3, cap 5)").isEqualTo(3);
    assertThat(snapshot.aliveWorkers()).isEqualTo(2);
    assertThat(snapshot.jobs())
        .extracting(OpsSnapshot.JobTotals::job)
        .containsExactly("clicks_job");
    assertThat(snapshot.signals().maxLagSeconds()).isEqualTo(7200);

    // Paused jobs are not live: their lag no longer counts.
    execute("UPDATE routine_load_jobs SET state = 'PAUSED' WHERE id = " + jobId);
    OpsSnapshot paused = new OpsReader(database, 5, Duration.ofSeconds(15)).read(NOW);
    assertThat(paused.partitions()).isEmpty();
    assertThat(paused.usefulTasks()).isZero();
  }

  @Test
  void partitionNeverLoadedWithABacklogHasUnknownLagInTime() {
    OpsSnapshot snapshot = new OpsReader(database, 5, Duration.ofSeconds(15)).read(NOW);
    assertThat(snapshot.partitions().get(0).lag())
        .isEqualTo(new PartitionLag(100, OptionalDouble.empty()));
    assertThat(snapshot.signals().partitionsWithUnknownLag()).isEqualTo(2);
  }

  @Test
  void runningJobLaggingBeyondTheThresholdShowsAsUnstable() throws SQLException {
    commitProgress(0, 40, NOW.minus(Duration.ofMinutes(61)));
    assertThat(showState()).isEqualTo("UNSTABLE");

    commitProgress(0, 40, NOW.minus(Duration.ofMinutes(59)));
    assertThat(showState()).isEqualTo("RUNNING");

    // Caught up, however old its last message: not lagging.
    commitProgress(0, 100, NOW.minus(Duration.ofDays(2)));
    assertThat(showState()).isEqualTo("RUNNING");
  }

  @Test
  void replicasShareOneAutoscaleStateAndAdvanceItOncePerInterval() throws SQLException {
    commitProgress(0, 40, NOW.minus(Duration.ofHours(2)));
    AutoscalePolicy policy = new AutoscalePolicy(AutoscaleSettings.defaults());
    AutoscaleStore replicaA = new AutoscaleStore(database, policy, Duration.ofSeconds(10));
    AutoscaleStore replicaB =
        new AutoscaleStore(new Database(dataSource), policy, Duration.ofSeconds(10));
    OpsReader reader = new OpsReader(database, 5, Duration.ofSeconds(15));
    assertThat(replicaA.current()).isEmpty();

    AutoscaleStore.Decision first = replicaA.evaluate(reader.read(NOW).signals(), NOW);
    assertThat(first.desiredWorkers()).as("starts from the 2 alive workers").isEqualTo(2);
    AutoscaleStore.Decision fromB =
        replicaB.evaluate(reader.read(NOW).signals(), NOW.plusSeconds(1));
    assertThat(fromB).as("B within the interval reads A's decision").isEqualTo(first);

    // Behind (two hours of lag, a third partition to use) for the scale-out window: one more
    // worker, up to the three partitions the job can use.
    for (int s = 10; s <= 30; s += 10) {
      AutoscaleStore replica = s % 20 == 0 ? replicaB : replicaA;
      replica.evaluate(reader.read(NOW.plusSeconds(s)).signals(), NOW.plusSeconds(s));
    }
    assertThat(replicaA.current()).contains(new AutoscaleStore.Decision(3, NOW.plusSeconds(30)));
    assertThat(replicaB.current()).isEqualTo(replicaA.current());
  }

  private String showState() {
    ResultTable table =
        sql.execute("SHOW ROUTINE LOAD FOR shop.clicks_job", Optional.empty())
            .results()
            .get(0)
            .table();
    return table.rows().get(0).get(table.columns().indexOf("State"));
  }

  private void commitProgress(int partition, long nextOffset, Instant lastMessage)
      throws SQLException {
    execute(
        "UPDATE job_partitions SET next_offset = "
            + nextOffset
            + ", never_committed = FALSE, last_timestamp_ms = "
            + lastMessage.toEpochMilli()
            + " WHERE job_id = "
            + jobId
            + " AND kafka_partition = "
            + partition);
  }

  private void execute(String statement, Instant... instants) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement update = c.prepareStatement(statement)) {
      for (int i = 0; i < instants.length; i++) {
        update.setTimestamp(i + 1, Timestamp.from(instants[i]));
      }
      update.executeUpdate();
    }
  }

  private long queryLong(String query) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement select = c.prepareStatement(query);
        var row = select.executeQuery()) {
      row.next();
      return row.getLong(1);
    }
  }
}
