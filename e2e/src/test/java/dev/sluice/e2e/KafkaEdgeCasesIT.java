package dev.sluice.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testing.KafkaBroker;
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

/** Kafka's awkward corners: transactions (offset gaps, aborted data) and offsets out of range. */
class KafkaEdgeCasesIT {
  private static SluiceCluster cluster;

  @BeforeAll
  static void start() {
    cluster = new SluiceCluster("kafka_edges");
    cluster.startWorker("worker-1");
    cluster.sql(
        """
        CREATE DATABASE edges;
        CREATE TABLE edges.events (`id` bigint NOT NULL, `note` varchar(32) NULL)
        DUPLICATE KEY (id) DISTRIBUTED BY HASH(id) BUCKETS 1;
        """,
        "");
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  private static Map<String, String> awaitJob(
      String job, java.util.function.Predicate<Map<String, String>> done) {
    return cluster.awaitJob("edges", job, Duration.ofSeconds(60), done);
  }

  @Test
  void transactionalTopicsLoadOnlyCommittedRecordsAndStepOverMarkers() throws Exception {
    KafkaBroker.shared().createTopic("tx_events", 1);
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(
            Map.of(
                "bootstrap.servers",
                KafkaBroker.shared().bootstrapServers(),
                "transactional.id",
                "sluice-e2e-tx"),
            new ByteArraySerializer(),
            new ByteArraySerializer())) {
      producer.initTransactions();
      for (int txn = 0; txn < 3; txn++) {
        producer.beginTransaction();
        for (int i = 0; i < 100; i++) {
          String value = (txn * 100 + i) + "\ttxn-" + txn;
          producer.send(
              new ProducerRecord<>("tx_events", 0, null, value.getBytes(StandardCharsets.UTF_8)));
        }
        if (txn == 1) {
          // Flushed first, so the aborted records really are in the log between the others.
          producer.flush();
          producer.abortTransaction();
        } else {
          producer.commitTransaction();
        }
      }
    }
    cluster.sql(
        """
        CREATE ROUTINE LOAD edges.tx_job ON events
        FROM KAFKA ("kafka_broker_list" = "%s", "kafka_topic" = "tx_events",
                    "property.kafka_default_offsets" = "OFFSET_BEGINNING");
        """
            .formatted(KafkaBroker.shared().bootstrapServers()),
        "edges");
    // 300 data records and 3 markers: offsets 0..302, end offset 303.
    Map<String, String> job =
        awaitJob("tx_job", show -> show.get("Progress").equals("{\"0\":\"302\"}"));
    assertThat(job.get("LatestSourcePosition")).isEqualTo("{\"0\":\"303\"}");
    assertThat(job.get("Statistic")).contains("\"loadedRows\":200,").contains("\"errorRows\":0");
    List<List<Object>> rows =
        cluster.queryTable(
            "events",
            "SELECT count(*), min(id), max(id), count(DISTINCT note) FROM $files WHERE note LIKE 'txn-%'");
    assertThat(rows).containsExactly(List.of(200L, 0L, 299L, 2L));
    assertThat(cluster.queryTable("events", "SELECT count(*) FROM $files WHERE note = 'txn-1'"))
        .containsExactly(List.of(0L));
  }

  @Test
  void anOffsetBeyondTheEndPausesTheJobNamingPartitionAndOffset() throws Exception {
    KafkaBroker.shared().createTopic("short_topic", 1);
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(
            Map.of("bootstrap.servers", KafkaBroker.shared().bootstrapServers()),
            new ByteArraySerializer(),
            new ByteArraySerializer())) {
      for (int i = 0; i < 10; i++) {
        producer
            .send(
                new ProducerRecord<>(
                    "short_topic", 0, null, (i + "\tshort").getBytes(StandardCharsets.UTF_8)))
            .get();
      }
    }
    cluster.sql(
        """
        CREATE ROUTINE LOAD edges.far_job ON events
        FROM KAFKA ("kafka_broker_list" = "%s", "kafka_topic" = "short_topic",
                    "kafka_partitions" = "0", "kafka_offsets" = "1000");
        """
            .formatted(KafkaBroker.shared().bootstrapServers()),
        "edges");
    Map<String, String> job = awaitJob("far_job", show -> show.get("State").equals("PAUSED"));
    assertThat(job.get("ReasonOfStateChanged")).contains("partition 0").contains("offset 1000");
    assertThat(job.get("Statistic")).contains("\"abortedTaskNum\":1");
  }
}
