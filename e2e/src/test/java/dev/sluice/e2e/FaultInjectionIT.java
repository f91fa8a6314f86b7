package dev.sluice.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.testing.KafkaBroker;
import dev.sluice.testing.S3FaultProxy;
import dev.sluice.testing.S3ProxyServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * The randomized fault-injection suite (docs/FAULTS.md): two control-plane replicas and three
 * workers, all separate processes, load a topic of known content while faults hit them — workers
 * killed while consuming, while uploading, just before and just after a commit, commit answers lost
 * or delayed, connections cut, a control-plane replica killed and restarted, S3 writes failing or
 * stalling, the Kafka broker restarted, a worker frozen until its lease expires (see {@link
 * FaultInjector}). When the faults stop and the job has caught up, the table holds every record
 * exactly once.
 *
 * <p>The schedule comes from a seed, printed first; {@code -Dsluice.faults.seed=N} replays it and
 * {@code -Dsluice.faults.count=N} sets the number of faults (50 by default). Timing still varies
 * from run to run: the seed fixes which faults come in which order, not the instant they land.
 */
class FaultInjectionIT {
  private static final int PARTITIONS = 4;
  private static final int WORKERS = 3;
  private static final int REPLICAS = 2;
  private static final int INITIAL_PER_PARTITION = 2_000;
  private static final Duration LEASE = Duration.ofSeconds(5);
  private static final String DB = "faults_db";
  private static final String TABLE = "seq";
  private static final String JOB = "seq_job";
  private static final String TOPIC = "faults_seq";
  private static final String GC_INTERVAL = "3s";
  private static final String GC_GRACE = "5s";

  @Test
  void everyRecordLoadsExactlyOnceWhileFaultsHitEveryPart() throws Exception {
    long seed = Long.getLong("sluice.faults.seed", System.nanoTime() ^ System.currentTimeMillis());
    int count = Integer.getInteger("sluice.faults.count", 50);
    // For chasing one kind of fault: -Dsluice.faults.kinds=KAFKA_RESTART,ZOMBIE_WORKER; ALL adds
    // the kinds that find holes main still has (FaultInjector.NEEDS_FIXES).
    List<FaultInjector.Fault> kinds =
        FaultInjector.kindsOf(System.getProperty("sluice.faults.kinds", ""));
    System.out.println(
        "FaultInjectionIT seed="
            + seed
            + " faults="
            + count
            + " kinds="
            + kinds
            + " (replay with -Dsluice.faults.seed="
            + seed
            + " -Dsluice.faults.count="
            + count
            + ")");
    long started = System.nanoTime();
    Path kafkaDir = Path.of("target", "faults-kafka-" + ProcessHandle.current().pid());
    KafkaBroker broker = KafkaBroker.start(kafkaDir, 0);
    S3FaultProxy s3 = S3FaultProxy.start(S3ProxyServer.shared().endpoint(), seed);
    SluiceCluster cluster = null;
    FaultInjector faults = null;
    BackgroundProducer producer = null;
    try {
      cluster =
          new SluiceCluster(
              "faults",
              new SluiceCluster.Shape(
                  REPLICAS,
                  LEASE.toSeconds() + "s",
                  Optional.of(s3.endpoint()),
                  // The orphan collector runs all along, deleting debris seconds old, so it meets
                  // commits in flight, resends and frozen replicas.
                  Map.of("sluice.gc.interval", GC_INTERVAL, "sluice.gc.grace-period", GC_GRACE)));
      faults =
          new FaultInjector(
              cluster,
              REPLICAS,
              broker,
              s3,
              seed,
              kinds,
              DB,
              JOB,
              LEASE,
              new FaultInjector.Topic(TOPIC, PARTITIONS, seed));
      faults.log("seed=" + seed + " faults=" + count);
      faults.startWorkers(WORKERS);
      broker.createTopic(TOPIC, PARTITIONS);
      SequenceTopic.produce(
          broker.bootstrapServers(), TOPIC, PARTITIONS, 0, INITIAL_PER_PARTITION, seed);
      cluster.sql(
          """
          CREATE DATABASE %s;
          USE %s;
          CREATE TABLE %s (%s) DUPLICATE KEY (part, seq) DISTRIBUTED BY HASH(seq) BUCKETS 3;
          CREATE ROUTINE LOAD %s.%s ON %s
          PROPERTIES ("desired_concurrent_number" = "3", "max_batch_interval" = "5",
                      "task_consume_second" = "3")
          FROM KAFKA ("kafka_broker_list" = "%s", "kafka_topic" = "%s",
                      "property.kafka_default_offsets" = "OFFSET_BEGINNING");
          """
              .formatted(
                  DB,
                  DB,
                  TABLE,
                  SequenceTopic.COLUMNS,
                  DB,
                  JOB,
                  TABLE,
                  broker.bootstrapServers(),
                  TOPIC),
          "");
      producer =
          new BackgroundProducer(
              broker.bootstrapServers(), INITIAL_PER_PARTITION, seed, faults::partitions);

      for (int i = 1; i <= count; i++) {
        faults.injectNext(i, count);
      }
      producer.stop();
      faults.heal();
      producer.assertNoFailure();
      faults.log("faults done after " + elapsed(started) + "; waiting for the job to catch up");

      SequenceTopic.Content content =
          SequenceTopic.read(broker.bootstrapServers(), TOPIC, faults.multiplicity());
      assertThat(content.records(""))
          .as("plain records in the topic")
          .isEqualTo(
              producer.produced()
                  + (long) INITIAL_PER_PARTITION * PARTITIONS
                  + faults.recordsOfNewPartitions());
      assertThat(content.records(SequenceTopic.ABORTED_PREFIX))
          .as("records of aborted transactions a read_committed reader sees")
          .isZero();
      assertThat(content.records(SequenceTopic.TRANSACTIONAL_PREFIX))
          .as("records of committed transactions")
          .isBetween(
              faults.transactionalCommitted(),
              faults.transactionalCommitted() + faults.transactionalUnsure());
      SluiceCluster running = cluster;
      await()
          .atMost(Duration.ofMinutes(5))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> running.showJob(DB, JOB).get("Progress").equals(content.progressJson()));
      Map<String, String> job = cluster.showJob(DB, JOB);
      assertThat(job.get("State")).isEqualTo("RUNNING");
      assertThat(job.get("Statistic")).contains("\"errorRows\":0");
      ExactlyOnce.assertProgressAtEnd(cluster, DB, JOB, content);
      ExactlyOnce.assertTableHolds(cluster, DB, TABLE, content);
      ExactlyOnce.assertNoPayloadStartingWith(cluster, TABLE, SequenceTopic.ABORTED_PREFIX);
      int uncommittedFiles = ExactlyOnce.assertNoStrayCommittedFiles(cluster, TABLE);

      String summary =
          "FaultInjectionIT passed: seed="
              + seed
              + " faults="
              + count
              + " records="
              + content.total()
              + " elapsed="
              + elapsed(started)
              + " "
              + faults.summary()
              + " statistic="
              + job.get("Statistic")
              + " uncommittedFilesLeft="
              + uncommittedFiles;
      faults.log(summary);
      System.out.println(summary);
    } catch (Throwable failure) {
      String context =
          "FaultInjectionIT failed with seed="
              + seed
              + (faults != null ? " (see " + faults.logFile() + ")" : "");
      if (faults != null) {
        faults.log(context + ": " + failure);
      }
      throw new AssertionError(
          context + ": " + failure.getMessage() + (cluster != null ? "\n" + cluster.logs() : ""),
          failure);
    } finally {
      if (producer != null) {
        producer.stop();
      }
      if (faults != null) {
        faults.close();
      }
      if (cluster != null) {
        cluster.close();
      }
      s3.close();
      broker.close();
      deleteRecursively(kafkaDir);
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  private static String elapsed(long startedNanos) {
    return Duration.ofNanos(System.nanoTime() - startedNanos).toSeconds() + " s";
  }

  /**
   * Keeps writing sequence numbers to every partition, about 1,000 records a second in all, so the
   * job always has new data while faults land.
   */
  private static final class BackgroundProducer {
    private final Thread thread;
    private final AtomicLong produced = new AtomicLong();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private volatile boolean running = true;

    BackgroundProducer(
        String bootstrapServers, long firstSeq, long salt, IntSupplier partitionCount) {
      thread =
          new Thread(
              () -> {
                try (KafkaProducer<byte[], byte[]> producer =
                    SequenceTopic.producer(bootstrapServers)) {
                  for (long seq = firstSeq; running; seq++) {
                    int partitions = partitionCount.getAsInt();
                    for (int p = 0; p < partitions; p++) {
                      producer.send(
                          new ProducerRecord<>(TOPIC, p, null, SequenceTopic.value(p, seq, salt)),
                          (metadata, e) -> {
                            if (e != null) {
                              failure.compareAndSet(null, e);
                            }
                          });
                    }
                    produced.addAndGet(partitions);
                    if (seq % 25 == 0) {
                      Thread.sleep(100);
                    }
                  }
                  producer.flush();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              },
              "faults-producer");
      thread.setDaemon(true);
      thread.start();
    }

    void stop() throws InterruptedException {
      running = false;
      thread.join(Duration.ofMinutes(3).toMillis());
    }

    void assertNoFailure() {
      if (failure.get() != null) {
        throw new IllegalStateException("the background producer failed", failure.get());
      }
    }

    long produced() {
      return produced.get();
    }
  }
}
