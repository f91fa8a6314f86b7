package dev.sluice.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.testing.KafkaBroker;
import dev.sluice.testing.ServiceProcess;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
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
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(
            Map.of(
                "bootstrap.servers", KafkaBroker.shared().bootstrapServers(),
                "linger.ms", "20",
                "batch.size", "262144"),
            new ByteArraySerializer(),
            new ByteArraySerializer())) {
      for (int seq = 0; seq < PER_PARTITION; seq++) {
        for (int p = 0; p < PARTITIONS; p++) {
          // Per-partition sequence numbers make a lost or a doubled record visible.
          String value = p + "\t" + seq + "\tpayload-" + p + "-" + seq;
          producer.send(
              new ProducerRecord<>(topic, p, null, value.getBytes(StandardCharsets.UTF_8)));
        }
      }
      producer.flush();
    }
    cluster.sql(
        """
        CREATE DATABASE crash_db;
        USE crash_db;
        CREATE TABLE seq (
            `part` int NOT NULL,
            `seq` bigint NOT NULL,
            `payload` varchar(64) NOT NULL
        ) DUPLICATE KEY (part, seq) DISTRIBUTED BY HASH(seq) BUCKETS 3;
        CREATE ROUTINE LOAD crash_db.seq_job ON seq
        PROPERTIES ("desired_concurrent_number" = "2", "max_batch_rows" = "200000")
        FROM KAFKA
        (
            "kafka_broker_list" = "%s",
            "kafka_topic" = "%s",
            "property.kafka_default_offsets" = "OFFSET_BEGINNING"
        );
        """
            .formatted(KafkaBroker.shared().bootstrapServers(), topic),
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
    assertThat(job.get("Progress"))
        .isEqualTo("{\"0\":\"149999\",\"1\":\"149999\",\"2\":\"149999\",\"3\":\"149999\"}");

    // Sluice's own SELECT, which reads exactly the files the manifest lists, agrees.
    var counted =
        cluster
            .sql(
                "SELECT count(*) AS n, count(DISTINCT part * 1000000 + seq) AS d FROM seq",
                "crash_db")
            .getResults(0);
    assertThat(counted.getRows(0).getValues(0).getText()).isEqualTo(Long.toString(total));
    assertThat(counted.getRows(0).getValues(1).getText()).isEqualTo(Long.toString(total));

    List<List<Object>> perPartition =
        cluster.queryTable(
            "seq",
            "SELECT part, count(*), count(DISTINCT seq), min(seq), max(seq), sum(seq)"
                + " FROM $files GROUP BY part ORDER BY part");
    long expectedSum = (long) PER_PARTITION * (PER_PARTITION - 1) / 2;
    for (int p = 0; p < PARTITIONS; p++) {
      assertThat(perPartition.get(p))
          .containsExactly(
              p,
              (long) PER_PARTITION,
              (long) PER_PARTITION,
              0L,
              (long) PER_PARTITION - 1,
              java.math.BigInteger.valueOf(expectedSum));
    }
  }
}
