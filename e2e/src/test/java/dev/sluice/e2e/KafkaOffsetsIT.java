package dev.sluice.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.testing.KafkaBroker;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Where a job starts and how far it sees: open transactions (end offsets are Kafka's last stable
 * offsets, as the worker reads read_committed) and partitions added to a running job (read from
 * their beginning). Every table must end up holding its topic exactly once, and no job may pause.
 * And broker lists: refused when they cannot be parsed, named in OtherMsg when unreachable.
 */
class KafkaOffsetsIT {
  private static final String DB = "offsets";
  private static final long SALT = 15;
  // Sequence numbers of records in aborted transactions: none of them may reach a table.
  private static final long ABORTED = 900_000;
  private static final Pattern COMMITTED = Pattern.compile("\"committedTaskNum\":(\\d+)");
  private static final Pattern ABORTED_TASKS = Pattern.compile("\"abortedTaskNum\":(\\d+)");

  private static SluiceCluster cluster;

  @BeforeAll
  static void start() {
    cluster = new SluiceCluster("kafka_offsets");
    cluster.startWorker("worker-1");
    cluster.sql("CREATE DATABASE " + DB, "");
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  @Test
  void aTransactionOpenAtCreateIsLoadedOnceItCommits() throws Exception {
    String topic = "tx_open_at_create";
    KafkaBroker.shared().createTopic(topic, 1);
    try (KafkaProducer<byte[], byte[]> txn = transactional("sluice-e2e-open-at-create")) {
      txn.beginTransaction();
      send(txn, topic, 0, 0, 50);
      // OFFSET_END while 50 records are in the log but not committed: the high watermark is 50,
      // the last stable offset 0.
      createJob(topic, "");
      Map<String, String> job = awaitRound(topic, 1);
      assertThat(job.get("State")).as("state while the transaction is open").isEqualTo("RUNNING");
      assertThat(job.get("LatestSourcePosition")).isEqualTo("{\"0\":\"0\"}");
      txn.commitTransaction();

      txn.beginTransaction();
      send(txn, topic, 0, ABORTED, ABORTED + 20);
      txn.abortTransaction();
      txn.beginTransaction();
      send(txn, topic, 0, 50, 80);
      txn.commitTransaction();
    }
    assertLoadedExactlyOnce(topic, 80);
  }

  @Test
  void anAbortedTransactionOpenAtCreateIsNeverLoaded() throws Exception {
    String topic = "tx_aborted_at_create";
    KafkaBroker.shared().createTopic(topic, 1);
    try (KafkaProducer<byte[], byte[]> txn = transactional("sluice-e2e-aborted-at-create")) {
      txn.beginTransaction();
      send(txn, topic, 0, ABORTED, ABORTED + 40);
      createJob(topic, "");
      Map<String, String> job = awaitRound(topic, 1);
      assertThat(job.get("State")).as("state while the transaction is open").isEqualTo("RUNNING");
      txn.abortTransaction();

      txn.beginTransaction();
      send(txn, topic, 0, 0, 25);
      txn.commitTransaction();
    }
    assertLoadedExactlyOnce(topic, 25);
  }

  @Test
  void aTransactionOpenAcrossRoundsHoldsBackOnlyItsOwnRecords() throws Exception {
    String topic = "tx_across_rounds";
    KafkaBroker.shared().createTopic(topic, 2);
    AtomicLongArray next = new AtomicLongArray(2);
    try (KafkaProducer<byte[], byte[]> txn = transactional("sluice-e2e-across-rounds");
        KafkaProducer<byte[], byte[]> plain =
            SequenceTopic.producer(KafkaBroker.shared().bootstrapServers())) {
      txn.beginTransaction();
      send(txn, topic, 0, 0, 30);
      createJob(topic, "\"property.kafka_default_offsets\" = \"OFFSET_BEGINNING\"");
      // Plain records keep partition 1 busy, so rounds follow each other while the
      // transaction on partition 0 stays open.
      try (Background load = new Background(plain, topic, next, new AtomicInteger(2), 1)) {
        Map<String, String> job = awaitRound(topic, 4);
        assertThat(job.get("State")).isEqualTo("RUNNING");
        assertThat(job.get("LatestSourcePosition"))
            .as("partition 0 ends at its last stable offset while the transaction is open")
            .startsWith("{\"0\":\"0\",");
      }
      send(txn, topic, 0, 30, 60);
      txn.commitTransaction();
    }
    assertLoadedExactlyOnce(topic, 60 + next.get(1));
  }

  @Test
  void partitionsAddedUnderLoadAreReadFromTheirBeginning() throws Exception {
    String topic = "growing";
    KafkaBroker.shared().createTopic(topic, 2);
    // No kafka_default_offsets: the two partitions present at CREATE start at their end.
    createJob(topic, "");
    awaitRound(topic, 1);
    AtomicLongArray next = new AtomicLongArray(6);
    AtomicInteger partitions = new AtomicInteger(2);
    try (KafkaProducer<byte[], byte[]> producer =
            SequenceTopic.producer(KafkaBroker.shared().bootstrapServers());
        Background load = new Background(producer, topic, next, partitions, 0)) {
      load.awaitRecords(0, 200);
      for (int count : new int[] {4, 6}) {
        KafkaBroker.shared().addPartitions(topic, count);
        // Straight into the new partitions, likely before the planner has seen them.
        for (int p = count - 2; p < count; p++) {
          for (int i = 0; i < 100; i++) {
            load.send(p);
          }
        }
        partitions.set(count);
        load.awaitRecords(count - 1, 300);
      }
    }
    long total = 0;
    for (int p = 0; p < 6; p++) {
      total += next.get(p);
    }
    assertLoadedExactlyOnce(topic, total);
  }

  @Test
  void aPartitionAddedWhileTheJobIsPausedIsReadFromItsBeginning() throws Exception {
    String topic = "grown_while_paused";
    KafkaBroker.shared().createTopic(topic, 1);
    createJob(topic, "");
    awaitRound(topic, 1);
    try (KafkaProducer<byte[], byte[]> producer =
        SequenceTopic.producer(KafkaBroker.shared().bootstrapServers())) {
      send(producer, topic, 0, 0, 20);
      awaitJob(topic, show -> show.get("Progress").equals("{\"0\":\"19\"}"));
      cluster.sql("PAUSE ROUTINE LOAD FOR " + topic, DB);
      KafkaBroker.shared().addPartitions(topic, 2);
      send(producer, topic, 1, 0, 30);
      send(producer, topic, 0, 20, 30);
      cluster.sql("RESUME ROUTINE LOAD FOR " + topic, DB);
    }
    assertLoadedExactlyOnce(topic, 60);
  }

  @Test
  void aBrokerListThatCannotBeParsedIsRefusedAndAnUnreachableOneIsNamedInOtherMsg() {
    assertThatThrownBy(() -> createJob("unparsable", "256.1.1.1:99999", ""))
        .isInstanceOf(StatusRuntimeException.class)
        .hasMessageStartingWith("INVALID_ARGUMENT")
        .hasMessageContaining(
            "kafka_broker_list: '256.1.1.1:99999' has port 99999; a port is a number from 1 to"
                + " 65535")
        .hasMessageNotContaining("Exception");

    createJob("unreachable", "127.0.0.1:1", "");
    try {
      Map<String, String> job =
          cluster.awaitJob(
              DB, "unreachable", Duration.ofSeconds(10), show -> !show.get("OtherMsg").isEmpty());
      assertThat(job.get("OtherMsg"))
          .startsWith("Kafka at 127.0.0.1:1 did not answer for topic 'unreachable' within 5 s");
      assertThat(job.get("State")).isEqualTo("NEED_SCHEDULE");
    } finally {
      // Each look at this job waits for Kafka; the other tests' jobs should not.
      cluster.sql("STOP ROUTINE LOAD FOR unreachable", DB);
    }
  }

  private static void createJob(String topic, String extraSourceProperties) {
    createJob(topic, KafkaBroker.shared().bootstrapServers(), extraSourceProperties);
  }

  /** A job named after its topic, loading it into a table of the same name. */
  private static void createJob(String topic, String brokers, String extraSourceProperties) {
    cluster.sql(
        """
        CREATE TABLE %1$s (%2$s) DUPLICATE KEY (part) DISTRIBUTED BY HASH(seq) BUCKETS 1;
        CREATE ROUTINE LOAD %1$s ON %1$s
        FROM KAFKA ("kafka_broker_list" = "%3$s", "kafka_topic" = "%1$s"%4$s);
        """
            .formatted(
                topic,
                SequenceTopic.COLUMNS,
                brokers,
                extraSourceProperties.isEmpty() ? "" : ", " + extraSourceProperties),
        DB);
  }

  private static Map<String, String> awaitJob(String job, Predicate<Map<String, String>> done) {
    return cluster.awaitJob(DB, job, Duration.ofSeconds(60), done);
  }

  /**
   * Waits until the job ran {@code rounds} task rounds or stopped running: a job that pauses is
   * answered at once, for the caller to see. A round that read nothing records no transaction (as
   * in StarRocks), so it is seen in its task's Message rather than in committedTaskNum.
   */
  private static Map<String, String> awaitRound(String job, long rounds) {
    return awaitJob(
        job,
        show ->
            figure(show, COMMITTED) >= rounds
                || rounds == 1 && aTaskFoundNoNewData(job)
                || figure(show, ABORTED_TASKS) > 0
                || !show.get("State").equals("RUNNING")
                    && !show.get("State").equals("NEED_SCHEDULE"));
  }

  private static boolean aTaskFoundNoNewData(String job) {
    var tasks =
        cluster.sql("SHOW ROUTINE LOAD TASK WHERE JobName = \"" + job + "\"", DB).getResults(0);
    int message = tasks.getColumnsList().indexOf("Message");
    return tasks.getRowsList().stream()
        .anyMatch(row -> row.getValues(message).getText().startsWith("there is no new data"));
  }

  private static long figure(Map<String, String> show, Pattern pattern) {
    Matcher matcher = pattern.matcher(show.get("Statistic"));
    return matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
  }

  /**
   * The topic (read back read_committed) holds {@code expected} records, and once the job's
   * progress reaches the topic's end the table holds each of them exactly once, no record of an
   * aborted transaction, and the job never paused or aborted a task.
   */
  private static void assertLoadedExactlyOnce(String topic, long expected) throws Exception {
    SequenceTopic.Content content =
        SequenceTopic.read(KafkaBroker.shared().bootstrapServers(), topic);
    assertThat(content.total()).as("committed records in the topic").isEqualTo(expected);
    Map<String, String> job =
        awaitJob(
            topic,
            show ->
                show.get("Progress").equals(content.progressJson())
                    || show.get("State").equals("PAUSED"));
    assertThat(job.get("State")).isEqualTo("RUNNING");
    assertThat(job.get("ReasonOfStateChanged")).isEmpty();
    assertThat(figure(job, ABORTED_TASKS)).as("aborted tasks").isZero();
    ExactlyOnce.assertTableHolds(cluster, DB, topic, content);
    assertThat(cluster.queryTable(topic, "SELECT count(*) FROM $files WHERE seq >= " + ABORTED))
        .as("records of aborted transactions")
        .containsExactly(List.of(0L));
  }

  private static KafkaProducer<byte[], byte[]> transactional(String transactionalId) {
    KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(
            Map.of(
                "bootstrap.servers",
                KafkaBroker.shared().bootstrapServers(),
                "transactional.id",
                transactionalId),
            new ByteArraySerializer(),
            new ByteArraySerializer());
    producer.initTransactions();
    return producer;
  }

  /**
   * Sends sequence numbers {@code [from, to)} to one partition and waits until they are written.
   */
  private static void send(
      KafkaProducer<byte[], byte[]> producer, String topic, int partition, long from, long to)
      throws Exception {
    for (long seq = from; seq < to; seq++) {
      producer.send(
          new ProducerRecord<>(topic, partition, null, SequenceTopic.value(partition, seq, SALT)));
    }
    producer.flush();
  }

  /**
   * Writes records without pause to partitions {@code first} up to the current count, each with the
   * next sequence number of its partition, until closed; close flushes and reports a failed send.
   */
  private static final class Background implements AutoCloseable {
    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final AtomicLongArray next;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final Thread thread;

    Background(
        KafkaProducer<byte[], byte[]> producer,
        String topic,
        AtomicLongArray next,
        AtomicInteger partitions,
        int first) {
      this.producer = producer;
      this.topic = topic;
      this.next = next;
      thread =
          new Thread(
              () -> {
                while (running.get() && failure.get() == null) {
                  for (int p = first; p < partitions.get(); p++) {
                    send(p);
                  }
                  try {
                    Thread.sleep(2);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              },
              "background-producer-" + topic);
      thread.start();
    }

    /** Sends the next sequence number of {@code partition}; close reports a failure. */
    void send(int partition) {
      producer.send(
          new ProducerRecord<>(
              topic,
              partition,
              null,
              SequenceTopic.value(partition, next.getAndIncrement(partition), SALT)),
          (metadata, e) -> {
            if (e != null) {
              failure.compareAndSet(null, e);
            }
          });
    }

    /** Waits until at least {@code count} records were handed to partition {@code partition}. */
    void awaitRecords(int partition, long count) throws InterruptedException {
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (next.get(partition) < count) {
        assertThat(System.nanoTime()).as("time to produce " + count).isLessThan(deadline);
        assertThat(failure.get()).as("background send failure").isNull();
        Thread.sleep(20);
      }
    }

    @Override
    public void close() throws InterruptedException {
      running.set(false);
      thread.join();
      producer.flush();
      assertThat(failure.get()).as("background send failure").isNull();
    }
  }
}
