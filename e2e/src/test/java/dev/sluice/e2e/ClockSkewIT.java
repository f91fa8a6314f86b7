package dev.sluice.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testing.KafkaBroker;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two control-plane replicas whose hosts disagree about the time by more than a lease (hole 6 of
 * the hardening issue). Decisions that compare instants written by the other replica (lease expiry,
 * the alive-worker window, the plan) use PostgreSQL's clock, so the replicas agree and the job
 * keeps committing; with each replica's own clock, the one ahead saw every lease the other granted
 * as expired and every worker it heard from as dead.
 */
class ClockSkewIT {
  private static final int PARTITIONS = 4;
  private static final long PER_PARTITION = 3_000;
  private static final long SALT = 606;
  private static SluiceCluster cluster;

  @BeforeAll
  static void start() {
    cluster = new SluiceCluster("skew", new SluiceCluster.Shape(2, "6s", Optional.empty()));
    cluster.restartControlPlaneWithClockOffset(1, Duration.ofSeconds(20));
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  @Test
  void replicasWithSkewedClocksKeepCommittingEveryRecordOnce() throws Exception {
    String topic = "skew_seq";
    KafkaBroker.shared().createTopic(topic, PARTITIONS);
    cluster.sql(
        """
        CREATE DATABASE skew_db;
        USE skew_db;
        CREATE TABLE seq (%s) DUPLICATE KEY (part, seq) DISTRIBUTED BY HASH(seq) BUCKETS 2;
        CREATE ROUTINE LOAD skew_db.seq_job ON seq
        PROPERTIES ("desired_concurrent_number" = "2", "max_batch_interval" = "5")
        FROM KAFKA
        (
            "kafka_broker_list" = "%s",
            "kafka_topic" = "%s",
            "property.kafka_default_offsets" = "OFFSET_BEGINNING"
        );
        """
            .formatted(SequenceTopic.COLUMNS, KafkaBroker.shared().bootstrapServers(), topic),
        "");
    // One worker per replica, so both replicas grant leases and take commits.
    cluster.startWorker("worker-0", cluster.controlPlanePort(0), Map.of());
    cluster.startWorker("worker-1", cluster.controlPlanePort(1), Map.of());
    // Small rounds written while the job runs: many leases, heartbeats and commits on both.
    for (long from = 0; from < PER_PARTITION; from += 500) {
      SequenceTopic.produce(
          KafkaBroker.shared().bootstrapServers(), topic, PARTITIONS, from, from + 500, SALT);
      Thread.sleep(500);
    }

    long total = PARTITIONS * PER_PARTITION;
    Map<String, String> job =
        cluster.awaitJob(
            "skew_db",
            "seq_job",
            Duration.ofSeconds(60),
            j -> j.get("Statistic").contains("\"loadedRows\":" + total + ","));

    assertThat(job.get("State")).isEqualTo("RUNNING");
    SequenceTopic.Content content =
        SequenceTopic.read(KafkaBroker.shared().bootstrapServers(), topic);
    ExactlyOnce.assertProgressAtEnd(cluster, "skew_db", "seq_job", content);
    ExactlyOnce.assertTableHolds(cluster, "skew_db", "seq", content);
    ExactlyOnce.assertNoStrayCommittedFiles(cluster, "seq");
  }
}
