package dev.sluice.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.testing.FreePort;
import dev.sluice.testing.KafkaBroker;
import dev.sluice.testing.PostgresServer;
import dev.sluice.testing.ServiceProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL stopped and started again while records stream in and tasks commit every second: the
 * control plane survives the outage, its connection pool reconnects, the job finishes, and every
 * record is in the table exactly once (no commit was half applied).
 */
class PostgresRestartIT {
  private static final int PARTITIONS = 4;
  private static final int PER_PARTITION = 25_000;
  private static Path dataDir;
  private static int port;
  private static PostgresServer postgres;
  private static SluiceCluster cluster;

  @BeforeAll
  static void start() throws Exception {
    dataDir = Files.createTempDirectory("sluice-pg-restart-");
    port = FreePort.find();
    postgres = PostgresServer.start(dataDir, port);
    cluster = new SluiceCluster("pgrestart", postgres);
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  void restartingPostgresUnderLoadLosesAndDuplicatesNothing() throws Exception {
    String topic = "pg_restart_seq";
    KafkaBroker.shared().createTopic(topic, PARTITIONS);
    cluster.sql(
        """
        CREATE DATABASE restart_db;
        USE restart_db;
        CREATE TABLE seq (
            `part` int NOT NULL,
            `seq` bigint NOT NULL,
            `payload` varchar(64) NOT NULL
        ) DUPLICATE KEY (part, seq) DISTRIBUTED BY HASH(seq) BUCKETS 2;
        CREATE ROUTINE LOAD restart_db.seq_job ON seq
        COLUMNS TERMINATED BY "\\t"
        PROPERTIES ("desired_concurrent_number" = "2", "task_consume_second" = "1")
        FROM KAFKA
        (
            "kafka_broker_list" = "%s",
            "kafka_topic" = "%s",
            "property.kafka_default_offsets" = "OFFSET_BEGINNING"
        );
        """
            .formatted(KafkaBroker.shared().bootstrapServers(), topic),
        "");
    ServiceProcess worker = cluster.startWorker("worker-1");

    // Records keep arriving for about 15 seconds, so commits are under way when PostgreSQL stops.
    CompletableFuture<Void> producing = CompletableFuture.runAsync(() -> produce(topic));
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> committedTasks() >= 3);
    postgres.close();
    Thread.sleep(3_000);
    postgres = PostgresServer.start(dataDir, port);
    producing.get();

    long total = (long) PARTITIONS * PER_PARTITION;
    Map<String, String> job;
    try {
      job =
          await()
              .atMost(Duration.ofSeconds(90))
              .pollInterval(Duration.ofSeconds(1))
              .ignoreExceptions()
              .until(
                  () -> cluster.showJob("restart_db", "seq_job"),
                  show -> show.get("Statistic").contains("\"loadedRows\":" + total + ","));
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError(
          "now: " + cluster.showJob("restart_db", "seq_job") + "\n" + cluster.logs(), e);
    }
    assertThat(job.get("State")).isEqualTo("RUNNING");
    assertThat(job.get("Statistic")).contains("\"errorRows\":0");
    String last = Integer.toString(PER_PARTITION - 1);
    assertThat(job.get("Progress"))
        .isEqualTo(
            "{\"0\":\"%s\",\"1\":\"%s\",\"2\":\"%s\",\"3\":\"%s\"}"
                .formatted(last, last, last, last));

    List<List<Object>> perPartition =
        cluster.queryTable(
            "seq",
            "SELECT part, count(*), count(DISTINCT seq), min(seq), max(seq) FROM $files"
                + " GROUP BY part ORDER BY part");
    assertThat(perPartition).hasSize(PARTITIONS);
    for (int p = 0; p < PARTITIONS; p++) {
      assertThat(perPartition.get(p))
          .containsExactly(
              p, (long) PER_PARTITION, (long) PER_PARTITION, 0L, (long) PER_PARTITION - 1);
    }
    assertThat(cluster.controlPlaneAlive()).isTrue();
    assertThat(worker.isAlive()).isTrue();
  }

  private static long committedTasks() {
    String statistic = cluster.showJob("restart_db", "seq_job").get("Statistic");
    int at = statistic.indexOf("\"committedTaskNum\":") + "\"committedTaskNum\":".length();
    int end = at;
    while (end < statistic.length() && Character.isDigit(statistic.charAt(end))) {
      end++;
    }
    return Long.parseLong(statistic.substring(at, end));
  }

  private static void produce(String topic) {
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(
            Map.of("bootstrap.servers", KafkaBroker.shared().bootstrapServers(), "linger.ms", "20"),
            new ByteArraySerializer(),
            new ByteArraySerializer())) {
      int waves = 30;
      int perWave = PER_PARTITION / waves + 1;
      int seq = 0;
      while (seq < PER_PARTITION) {
        for (int i = 0; i < perWave && seq < PER_PARTITION; i++, seq++) {
          for (int p = 0; p < PARTITIONS; p++) {
            String value = p + "\t" + seq + "\tpayload-" + p + "-" + seq;
            producer.send(
                new ProducerRecord<>(topic, p, null, value.getBytes(StandardCharsets.UTF_8)));
          }
        }
        producer.flush();
        Thread.sleep(500);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while producing", e);
    }
  }
}
