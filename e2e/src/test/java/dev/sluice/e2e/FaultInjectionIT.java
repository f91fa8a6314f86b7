package dev.sluice.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.testing.KafkaBroker;
import dev.sluice.testing.S3FaultProxy;
import dev.sluice.testing.S3ProxyServer;
import dev.sluice.testing.ServiceProcess;
import dev.sluice.testing.TcpFaultProxy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * The randomized fault-injection suite (docs/FAULTS.md): two control-plane replicas and three
 * workers, all separate processes, load a topic of known content while faults hit them one after
 * another — workers killed while consuming, while uploading, just before and just after a commit,
 * commit answers lost or delayed, connections cut, a control-plane replica killed and restarted, S3
 * writes failing or stalling, the Kafka broker restarted, a worker frozen until its lease expires.
 * When the faults stop and the job has caught up, the table holds every record exactly once.
 *
 * <p>The schedule comes from a seed, printed first; {@code -Dsluice.faults.seed=N} replays it and
 * {@code -Dsluice.faults.count=N} sets the number of faults (50 by default). Timing still varies
 * from run to run: the seed fixes which faults come in which order, not the instant they land.
 */
class FaultInjectionIT {
  private static final int PARTITIONS = 4;
  private static final int WORKERS = 3;
  private static final int REPLICAS = 2;
  private static final Duration LEASE = Duration.ofSeconds(5);
  private static final String DB = "faults_db";
  private static final String TABLE = "seq";
  private static final String JOB = "seq_job";
  private static final String TOPIC = "faults_seq";
  // Commits list their files with keys and statistics; heartbeats and lease requests are far
  // smaller. A request this large is taken to be a commit.
  private static final int MIN_COMMIT_BYTES = 300;

  enum Fault {
    KILL_WORKER,
    KILL_WORKER_UPLOADING,
    HALT_BEFORE_COMMIT,
    HALT_AFTER_COMMIT,
    LOSE_COMMIT_ANSWER,
    DELAY_ANSWERS,
    CUT_CONNECTIONS,
    RESTART_CONTROL_PLANE,
    S3_WRITE_FAILURES,
    KAFKA_RESTART,
    ZOMBIE_WORKER
  }

  private Random random;
  private KafkaBroker broker;
  private S3FaultProxy s3;
  private SluiceCluster cluster;
  private final List<Worker> workers = new ArrayList<>();
  private Path faultLog;

  /** A worker process behind its own TCP fault proxy to one control-plane replica. */
  private final class Worker {
    final String name;
    final TcpFaultProxy proxy;
    final Path triggers;
    volatile ServiceProcess process;
    // A restart runs aside so that the next fault need not wait for a JVM to start.
    volatile CompletableFuture<Void> restart = CompletableFuture.completedFuture(null);

    Worker(String name, int replica) throws IOException {
      this.name = name;
      this.proxy = TcpFaultProxy.start("127.0.0.1", cluster.controlPlanePort(replica));
      this.triggers = Files.createDirectories(cluster.logDirectory().resolve("triggers-" + name));
    }

    void start() {
      process =
          cluster.startWorker(
              name,
              proxy.port(),
              Map.of("sluice.worker.fault.trigger-dir", triggers.toAbsolutePath().toString()));
    }

    /** SIGKILL now; the new process starts in the background. */
    void killAndRestart() {
      process.kill();
      restart = CompletableFuture.runAsync(this::start);
    }

    boolean ready() {
      return restart.isDone() && process.isAlive();
    }
  }

  @Test
  void everyRecordLoadsExactlyOnceWhileFaultsHitEveryPart() throws Exception {
    long seed = Long.getLong("sluice.faults.seed", System.nanoTime() ^ System.currentTimeMillis());
    int count = Integer.getInteger("sluice.faults.count", 50);
    System.out.println(
        "FaultInjectionIT seed="
            + seed
            + " faults="
            + count
            + " (replay with -Dsluice.faults.seed="
            + seed
            + " -Dsluice.faults.count="
            + count
            + ")");
    random = new Random(seed);
    long started = System.nanoTime();
    Path kafkaDir = Path.of("target", "faults-kafka-" + ProcessHandle.current().pid());
    broker = KafkaBroker.start(kafkaDir, 0);
    s3 = S3FaultProxy.start(S3ProxyServer.shared().endpoint(), seed);
    BackgroundProducer producer = null;
    try {
      cluster =
          new SluiceCluster(
              "faults",
              new SluiceCluster.Shape(
                  REPLICAS, LEASE.toSeconds() + "s", Optional.of(s3.endpoint())));
      faultLog = cluster.logDirectory().resolve("faults.log");
      log("seed=" + seed + " faults=" + count);
      for (int w = 0; w < WORKERS; w++) {
        Worker worker = new Worker("worker-" + w, w % REPLICAS);
        worker.start();
        workers.add(worker);
      }
      broker.createTopic(TOPIC, PARTITIONS);
      SequenceTopic.produce(broker.bootstrapServers(), TOPIC, PARTITIONS, 0, 2_000, seed);
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
      producer = new BackgroundProducer(broker.bootstrapServers(), 2_000, seed);

      Map<Fault, Integer> injected = new EnumMap<>(Fault.class);
      for (int i = 1; i <= count; i++) {
        sleep(Duration.ofMillis(200 + random.nextInt(1_300)));
        Fault fault = Fault.values()[random.nextInt(Fault.values().length)];
        long faultStart = System.nanoTime();
        String outcome = inject(fault);
        injected.merge(fault, 1, Integer::sum);
        log(
            "fault %d/%d %s (%d ms): %s"
                .formatted(
                    i,
                    count,
                    fault,
                    Duration.ofNanos(System.nanoTime() - faultStart).toMillis(),
                    outcome));
      }
      producer.stop();
      producer.assertNoFailure();
      heal();
      log("faults done after " + elapsed(started) + "; waiting for the job to catch up");

      SequenceTopic.Content content = SequenceTopic.read(broker.bootstrapServers(), TOPIC);
      assertThat(content.total()).isEqualTo(producer.produced() + 2_000L * PARTITIONS);
      await()
          .atMost(Duration.ofMinutes(5))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> cluster.showJob(DB, JOB).get("Progress").equals(content.progressJson()));
      Map<String, String> job = cluster.showJob(DB, JOB);
      assertThat(job.get("State")).isEqualTo("RUNNING");
      assertThat(job.get("Statistic")).contains("\"errorRows\":0");
      ExactlyOnce.assertProgressAtEnd(cluster, DB, JOB, content);
      ExactlyOnce.assertTableHolds(cluster, DB, TABLE, content);
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
              + " injected="
              + injected
              + " s3="
              + s3.injected()
              + " commitAnswersLost="
              + workers.stream().mapToInt(w -> w.proxy.answersLost()).sum()
              + " workerLog="
              + workerLogCounts()
              + " uncommittedFilesLeft="
              + uncommittedFiles;
      log(summary);
      System.out.println(summary);
    } catch (Throwable failure) {
      String context = "FaultInjectionIT failed with seed=" + seed + " (see " + faultLog + ")";
      if (faultLog != null) {
        log(context + ": " + failure);
      }
      throw new AssertionError(
          context + ": " + failure.getMessage() + (cluster != null ? "\n" + cluster.logs() : ""),
          failure);
    } finally {
      if (producer != null) {
        producer.stop();
      }
      for (Worker worker : workers) {
        worker.restart.exceptionally(e -> null).join();
        if (worker.process != null) {
          worker.process.resume();
        }
        worker.proxy.close();
      }
      if (cluster != null) {
        cluster.close();
      }
      s3.close();
      broker.close();
      deleteRecursively(kafkaDir);
    }
  }

  private String inject(Fault fault) throws Exception {
    return switch (fault) {
      case KILL_WORKER -> {
        Worker worker = leaseHolder();
        worker.killAndRestart();
        yield "killed and restarted " + worker.name;
      }
      case KILL_WORKER_UPLOADING -> killWorkerUploading();
      case HALT_BEFORE_COMMIT -> haltAt(leaseHolder(), "halt-before-commit");
      case HALT_AFTER_COMMIT -> haltAt(leaseHolder(), "halt-after-commit");
      case LOSE_COMMIT_ANSWER -> {
        Worker worker = leaseHolder();
        worker.proxy.loseNextAnswer(MIN_COMMIT_BYTES, Duration.ofSeconds(2));
        boolean fired = awaitTrue(Duration.ofSeconds(12), () -> !worker.proxy.isArmed());
        worker.proxy.disarm();
        yield fired ? "lost a commit answer to " + worker.name : "no commit of " + worker.name;
      }
      case DELAY_ANSWERS -> {
        Worker worker = randomWorker();
        Duration delay = Duration.ofMillis(200 + random.nextInt(2_300));
        Duration window = Duration.ofMillis(2_000 + random.nextInt(4_000));
        worker.proxy.delayAnswers(delay);
        sleep(window);
        worker.proxy.delayAnswers(Duration.ZERO);
        yield "answers to " + worker.name + " delayed " + delay.toMillis() + " ms for " + window;
      }
      case CUT_CONNECTIONS -> {
        Worker worker = randomWorker();
        worker.proxy.cutAll();
        yield "cut the connections of " + worker.name;
      }
      case RESTART_CONTROL_PLANE -> {
        int replica = random.nextInt(REPLICAS);
        cluster.restartControlPlane(replica);
        yield "killed and restarted control-plane replica " + replica;
      }
      case S3_WRITE_FAILURES -> {
        double probability = 0.2 + random.nextInt(5) / 10.0;
        Duration stall = Duration.ofMillis(1_000 + random.nextInt(5_000));
        Duration window = Duration.ofMillis(3_000 + random.nextInt(5_000));
        s3.failWrites(probability, stall);
        sleep(window);
        s3.failWrites(0, stall);
        yield "S3 writes failing with p=" + probability + ", stalls " + stall + ", for " + window;
      }
      case KAFKA_RESTART -> {
        broker.restart();
        yield "restarted the Kafka broker";
      }
      case ZOMBIE_WORKER -> {
        Worker worker = leaseHolder();
        worker.process.suspend();
        // Frozen past its lease: the task goes to another worker while this one cannot notice.
        sleep(LEASE.plusSeconds(3));
        worker.process.resume();
        yield "froze " + worker.name + " for " + LEASE.plusSeconds(3) + ", then let it go on";
      }
    };
  }

  /** Holds the next S3 write, kills the worker that sent it, and restarts that worker. */
  private String killWorkerUploading() {
    S3FaultProxy.HeldWrite held = s3.holdNextWrite();
    try {
      Optional<Integer> port = held.awaitClientPort(Duration.ofSeconds(15));
      if (port.isEmpty()) {
        return "no upload within 15 s";
      }
      List<Long> pids = workers.stream().map(w -> w.process.pid()).toList();
      Optional<Long> owner = SocketOwner.find(port.get(), s3Port(), pids);
      Worker worker =
          owner.isEmpty()
              ? leaseHolder()
              : workers.stream().filter(w -> w.process.pid() == owner.get()).findFirst().get();
      worker.killAndRestart();
      held.release();
      return "killed and restarted "
          + worker.name
          + " in the middle of "
          + held.request().split(" HTTP")[0].replaceAll("\\?.*", "")
          + (owner.isEmpty() ? " (sender unknown: killed a lease holder)" : "");
    } finally {
      held.release();
    }
  }

  private int s3Port() {
    return Integer.parseInt(s3.endpoint().substring(s3.endpoint().lastIndexOf(':') + 1));
  }

  /** Makes the worker halt at a crash point of LeaseRunner, restarts it if it did. */
  private String haltAt(Worker worker, String point) throws IOException {
    Path trigger = worker.triggers.resolve(point);
    Files.createFile(trigger);
    boolean halted = awaitTrue(Duration.ofSeconds(12), () -> !worker.process.isAlive());
    if (!halted && !Files.deleteIfExists(trigger)) {
      // Claimed between the wait and the delete: it is halting right now.
      halted = awaitTrue(Duration.ofSeconds(10), () -> !worker.process.isAlive());
    }
    if (!halted) {
      return worker.name + " reached no " + point + " in 12 s";
    }
    worker.killAndRestart();
    return worker.name + " halted at " + point + " and was restarted";
  }

  /** A worker holding a lease of the job right now, or any worker when none does. */
  private Worker leaseHolder() {
    try {
      var tasks =
          cluster.sql("SHOW ROUTINE LOAD TASK WHERE JobName = \"" + JOB + "\"", DB).getResults(0);
      int beId = tasks.getColumnsList().indexOf("BeId");
      List<Worker> holders = new ArrayList<>();
      tasks
          .getRowsList()
          .forEach(
              row ->
                  workers.stream()
                      .filter(w -> w.ready() && w.name.equals(row.getValues(beId).getText()))
                      .forEach(holders::add));
      if (!holders.isEmpty()) {
        return holders.get(random.nextInt(holders.size()));
      }
    } catch (RuntimeException e) {
      // Both replicas busy restarting is not expected, but a random worker will do.
    }
    return randomWorker();
  }

  /** A running worker, not one being restarted; waits for one if need be. */
  private Worker randomWorker() {
    List<Worker> ready = readyWorkers();
    return ready.get(random.nextInt(ready.size()));
  }

  private List<Worker> readyWorkers() {
    awaitTrue(Duration.ofSeconds(90), () -> workers.stream().anyMatch(Worker::ready));
    List<Worker> ready = workers.stream().filter(Worker::ready).toList();
    if (ready.isEmpty()) {
      throw new IllegalStateException("no worker came back within 90 s");
    }
    return ready;
  }

  /** Ends every fault still in effect: the job must then catch up on its own. */
  private void heal() {
    s3.failWrites(0, Duration.ofSeconds(1));
    for (Worker worker : workers) {
      worker.restart.join();
      worker.proxy.disarm();
      worker.proxy.delayAnswers(Duration.ZERO);
      worker.process.resume();
      if (!worker.process.isAlive()) {
        worker.start();
      }
    }
  }

  /** How often the workers' logs show each way a commit went wrong, over all restarts. */
  private Map<String, Integer> workerLogCounts() throws IOException {
    Map<String, String> patterns =
        Map.of(
            "unknownOutcome", "has an unknown outcome",
            "rejected", "rejected (",
            "halted", "triggered: halting",
            "failedRounds", "failed; giving it back");
    Map<String, Integer> counts = new java.util.TreeMap<>();
    for (Worker worker : workers) {
      String text = Files.readString(cluster.logOf(worker.name));
      patterns.forEach(
          (name, pattern) -> counts.merge(name, occurrences(text, pattern), Integer::sum));
    }
    return counts;
  }

  private static int occurrences(String text, String pattern) {
    int n = 0;
    for (int at = text.indexOf(pattern); at >= 0; at = text.indexOf(pattern, at + 1)) {
      n++;
    }
    return n;
  }

  private void log(String line) {
    try {
      Files.writeString(
          faultLog,
          java.time.LocalTime.now() + " " + line + "\n",
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
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

  private static boolean awaitTrue(Duration timeout, java.util.function.BooleanSupplier done) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (done.getAsBoolean()) {
        return true;
      }
      sleep(Duration.ofMillis(100));
    }
    return done.getAsBoolean();
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
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

    BackgroundProducer(String bootstrapServers, long firstSeq, long salt) {
      thread =
          new Thread(
              () -> {
                try (KafkaProducer<byte[], byte[]> producer =
                    SequenceTopic.producer(bootstrapServers)) {
                  for (long seq = firstSeq; running; seq++) {
                    for (int p = 0; p < PARTITIONS; p++) {
                      producer.send(
                          new ProducerRecord<>(TOPIC, p, null, SequenceTopic.value(p, seq, salt)),
                          (metadata, e) -> {
                            if (e != null) {
                              failure.compareAndSet(null, e);
                            }
                          });
                    }
                    produced.addAndGet(PARTITIONS);
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
