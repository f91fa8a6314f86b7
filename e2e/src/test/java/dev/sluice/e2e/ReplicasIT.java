package dev.sluice.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.api.admin.AdminServiceGrpc;
import dev.sluice.api.admin.ExecuteSqlRequest;
import dev.sluice.api.admin.ResultSet;
import dev.sluice.testing.FreePort;
import dev.sluice.testing.KafkaBroker;
import dev.sluice.testing.PostgresServer;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * A deployment's shape, started with the CLI as an operator would: two control-plane replicas on
 * one PostgreSQL ({@code sluice control-plane}) and two workers ({@code sluice worker}), each
 * pointed at a different replica. Every record loads exactly once.
 */
class ReplicasIT {
  private static final int PARTITIONS = 4;
  private static final int PER_PARTITION = 5_000;

  @Test
  void twoReplicasAndTwoWorkersLoadEveryRecordOnce() throws Exception {
    PostgresServer postgres = PostgresServer.shared();
    String jdbcUrl = postgres.createDatabase("replicas_" + ProcessHandle.current().pid());
    Path tables = Files.createTempDirectory("sluice-replicas");
    Path logs = Files.createDirectories(Path.of("target", "e2e-logs", "replicas"));
    int[] ports = {FreePort.find(), FreePort.find()};
    List<Process> processes = new ArrayList<>();
    try {
      for (int r = 0; r < 2; r++) {
        processes.add(
            sluice(
                logs.resolve("control-plane-" + r + ".log"),
                "control-plane",
                "--db",
                jdbcUrl,
                "--port",
                Integer.toString(ports[r]),
                "--storage",
                tables.toUri().toString()));
      }
      awaitListening(logs.resolve("control-plane-0.log"));
      awaitListening(logs.resolve("control-plane-1.log"));
      for (int w = 0; w < 2; w++) {
        processes.add(
            sluice(
                logs.resolve("worker-" + w + ".log"),
                "worker",
                "--control-plane",
                "127.0.0.1:" + ports[w],
                "--id",
                "worker-" + w));
      }

      KafkaBroker.shared().createTopic("replicated", PARTITIONS);
      try (KafkaProducer<byte[], byte[]> producer =
          new KafkaProducer<>(
              Map.of(
                  "bootstrap.servers", KafkaBroker.shared().bootstrapServers(), "linger.ms", "10"),
              new ByteArraySerializer(),
              new ByteArraySerializer())) {
        for (int seq = 0; seq < PER_PARTITION; seq++) {
          for (int p = 0; p < PARTITIONS; p++) {
            producer.send(
                new ProducerRecord<>(
                    "replicated", p, null, (p + "\t" + seq).getBytes(StandardCharsets.UTF_8)));
          }
        }
      }
      ManagedChannel channel =
          ManagedChannelBuilder.forAddress("127.0.0.1", ports[0]).usePlaintext().build();
      try {
        AdminServiceGrpc.AdminServiceBlockingStub admin =
            AdminServiceGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS);
        admin.executeSql(
            ExecuteSqlRequest.newBuilder()
                .setSql(
                    """
                    CREATE DATABASE r;
                    CREATE TABLE r.seq (part INT NOT NULL, seq BIGINT NOT NULL)
                    DUPLICATE KEY (part) DISTRIBUTED BY HASH(seq) BUCKETS 2;
                    CREATE ROUTINE LOAD r.seq_job ON seq
                    PROPERTIES ("desired_concurrent_number" = "4")
                    FROM KAFKA ("kafka_broker_list" = "%s", "kafka_topic" = "replicated",
                                "property.kafka_default_offsets" = "OFFSET_BEGINNING");
                    """
                        .formatted(KafkaBroker.shared().bootstrapServers()))
                .build());
        await()
            .atMost(Duration.ofSeconds(120))
            .pollInterval(Duration.ofSeconds(1))
            .until(
                () -> query(channel, "SELECT count(*) FROM r.seq"),
                rows -> rows.equals(List.of(Long.toString((long) PARTITIONS * PER_PARTITION))));
        assertThat(
                query(channel, "SELECT count(DISTINCT seq) FROM r.seq GROUP BY part ORDER BY part"))
            .containsExactly("5000", "5000", "5000", "5000");
        // Both workers took part: the planner made two tasks, one for each alive worker.
        ResultSet tasks =
            AdminServiceGrpc.newBlockingStub(channel)
                .executeSql(
                    ExecuteSqlRequest.newBuilder()
                        .setSql("SHOW ROUTINE LOAD FOR r.seq_job")
                        .build())
                .getResults(0);
        int taskNum = tasks.getColumnsList().indexOf("CurrentTaskNum");
        assertThat(tasks.getRows(0).getValues(taskNum).getText()).isEqualTo("2");
      } finally {
        channel.shutdownNow();
      }
    } finally {
      for (Process process : processes) {
        process.destroy();
      }
      for (Process process : processes) {
        process.waitFor(30, TimeUnit.SECONDS);
      }
    }
  }

  private static List<String> query(ManagedChannel channel, String sql) {
    ResultSet result =
        AdminServiceGrpc.newBlockingStub(channel)
            .executeSql(ExecuteSqlRequest.newBuilder().setSql(sql).build())
            .getResults(0);
    List<String> values = new ArrayList<>();
    result.getRowsList().forEach(row -> values.add(row.getValues(0).getText()));
    return values;
  }

  private static Process sluice(Path log, String... args) throws Exception {
    return new ProcessBuilder(SluiceCli.command(args))
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  private static void awaitListening(Path log) {
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(300))
        .until(() -> Files.exists(log) && Files.readString(log).contains("Listening on:"));
  }
}
