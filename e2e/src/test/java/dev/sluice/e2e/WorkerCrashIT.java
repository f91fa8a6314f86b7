package dev.sluice.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.testing.KafkaBroker;
import dev.sluice.testing.ServiceProcess;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Exactly-once across a crash: a worker is killed with SIGKILL while its tasks are in flight, a new
 * one takes over, and every record is in the table exactly once.
 */
class WorkerCrashIT {
  private static final int PARTITIONS = 4;
  private static final int PER_PARTITION = 150_000;
  private static final long SALT = 20_260_101L;
  private static SluiceCluster cluster;

  @BeforeAll
  static void start() {
    cluster = new SluiceCluster("crash");
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  private boolean doomedHoldsALease() {
    var tasks =
        cluster.sql("SHOW ROUTINE LOAD TASK WHERE JobName = \"seq_job\"", "crash_db").getResults(0);
    int beId = tasks.getColumnsList().indexOf("BeId");
    return tasks.getRowsList().stream()
        .anyMatch(row -> row.getValues(beId).getText().equals("doomed"));
  }

  @Test
  void killingAWorkerMidTaskLosesAndDuplicatesNothing() throws Exception {
    String topic = "crash_seq";
    KafkaBroker.shared().createTopic(topic, PARTITIONS);
    SequenceTopic.produce(
        KafkaBroker.shared().bootstrapServers(), topic, PARTITIONS, 0, PER_PARTITION, SALT);
    cluster.sql(
        """
        CREATE DATABASE crash_db;
        USE crash_db;
        CREATE TABLE seq (%s) DUPLICATE KEY (part, seq) DISTRIBUTED BY HASH(seq) BUCKETS 3;
        CREATE ROUTINE LOAD crash_db.seq_job ON seq
        PROPERTIES ("desired_concurrent_number" = "2", "max_batch_rows" = "200000")
        FROM KAFKA
        (
            "kafka_broker_list" = "%s",
            "kafka_topic" = "%s",
            "property.kafka_default_offsets" = "OFFSET_BEGINNING"
        );
        """
            .formatted(SequenceTopic.COLUMNS, KafkaBroker.shared().bootstrapServers(), topic),
        "");

    // Kill the first worker once it has committed and holds a lease again: a round in flight.
    ServiceProcess doomed = cluster.startWorker("doomed");
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () ->
                !cluster
                        .showJob("crash_db", "seq_job")
                        .get("Statistic")
                        .contains("\"committedTaskNum\":0,")
                    && doomedHoldsALease());
    doomed.kill();
    String afterKill = cluster.showJob("crash_db", "seq_job").get("Statistic");
    assertThat(afterKill)
        .doesNotContain("\"loadedRows\":" + (long) PARTITIONS * PER_PARTITION + ",");

    cluster.startWorker("survivor");
    long total = (long) PARTITIONS * PER_PARTITION;
    Map<String, String> job;
    try {
      job =
          await()
              .atMost(Duration.ofSeconds(240))
              .pollInterval(Duration.ofSeconds(1))
              .until(
                  () -> cluster.showJob("crash_db", "seq_job"),
                  show -> show.get("Statistic").contains("\"loadedRows\":" + total + ","));
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError(
          "after the kill: "
              + afterKill
              + "\nnow: "
              + cluster.showJob("crash_db", "seq_job")
              + "\n"
              + cluster.logs(),
          e);
    }
    assertThat(job.get("Statistic")).contains("\"errorRows\":0");
    SequenceTopic.Content content =
        SequenceTopic.read(KafkaBroker.shared().bootstrapServers(), topic);
    assertThat(content.total()).isEqualTo(total);
    assertThat(job.get("Progress"))
        .isEqualTo("{\"0\":\"149999\",\"1\":\"149999\",\"2\":\"149999\",\"3\":\"149999\"}");
    ExactlyOnce.assertProgressAtEnd(cluster, "crash_db", "seq_job", content);
    ExactlyOnce.assertTableHolds(cluster, "crash_db", "seq", content);
    ExactlyOnce.assertNoStrayCommittedFiles(cluster, "seq");
  }
}
