package dev.sluice.e2e;

import dev.sluice.testing.KafkaBroker;
import dev.sluice.testing.S3FaultProxy;
import dev.sluice.testing.ServiceProcess;
import dev.sluice.testing.TcpFaultProxy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Injects the faults of {@link FaultInjectionIT} into a running cluster. Which fault comes next and
 * where it lands (which worker, replica, probability, duration) comes from a seeded generator used
 * by the caller's thread only; faults that last (a restart, a frozen worker, a window of S3
 * failures) finish in the background, so the next fault may land while one is still under way.
 */
final class FaultInjector implements AutoCloseable {

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

  // Commits list their files with keys and statistics; heartbeats and lease requests are far
  // smaller. A request this large is taken to be a commit.
  private static final int MIN_COMMIT_BYTES = 300;
  // How long a crash point or a lost answer waits for its worker's next commit.
  private static final Duration ARMED_AT_MOST = Duration.ofSeconds(30);
  static final String TRIGGER_DIR_PROPERTY = "sluice.worker.fault.trigger-dir";

  /** A worker process behind its own TCP fault proxy to one control-plane replica. */
  final class Worker {
    final String name;
    final TcpFaultProxy proxy;
    final Path triggers;
    final AtomicInteger delayGeneration = new AtomicInteger();
    volatile ServiceProcess process;
    // A fault still under way on this worker (restart, freeze, crash point): it is left alone.
    volatile CompletableFuture<Void> busy = CompletableFuture.completedFuture(null);

    Worker(String name, int controlPlanePort) throws IOException {
      this.name = name;
      this.proxy = TcpFaultProxy.start("127.0.0.1", controlPlanePort);
      this.triggers = Files.createDirectories(cluster.logDirectory().resolve("triggers-" + name));
    }

    void start() {
      process =
          cluster.startWorker(
              name,
              proxy.port(),
              Map.of(TRIGGER_DIR_PROPERTY, triggers.toAbsolutePath().toString()));
    }

    boolean ready() {
      return busy.isDone() && process.isAlive();
    }

    /**
     * Runs {@code work} in the background if no other fault is busy with this worker; the check and
     * the claim are one step, as faults are started from two threads.
     */
    synchronized boolean tryOccupy(Runnable work) {
      if (!ready()) {
        return false;
      }
      busy = CompletableFuture.runAsync(work, background);
      return true;
    }

    /** Claims this worker for a fault run by the calling thread, completed by the caller. */
    synchronized Optional<CompletableFuture<Void>> tryClaim() {
      if (!ready()) {
        return Optional.empty();
      }
      CompletableFuture<Void> claim = new CompletableFuture<>();
      busy = claim;
      return Optional.of(claim);
    }
  }

  private final SluiceCluster cluster;
  private final KafkaBroker broker;
  private final S3FaultProxy s3;
  private final Random random;
  private final List<Fault> kinds;
  private final Path log;
  private final String database;
  private final String job;
  private final Duration lease;
  private final List<Worker> workers = new ArrayList<>();
  private final ExecutorService background = Executors.newCachedThreadPool();
  private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
  private final List<CompletableFuture<Void>> replicaRestarts = new ArrayList<>();
  private final AtomicInteger s3Generation = new AtomicInteger();
  private final Map<Fault, Integer> injected = new EnumMap<>(Fault.class);
  private final List<CompletableFuture<Void>> answerLosses = new ArrayList<>();
  private CompletableFuture<Void> kafkaRestart = CompletableFuture.completedFuture(null);
  private CompletableFuture<Void> uploadKill = CompletableFuture.completedFuture(null);

  FaultInjector(
      SluiceCluster cluster,
      int replicas,
      KafkaBroker broker,
      S3FaultProxy s3,
      long seed,
      List<Fault> kinds,
      String database,
      String job,
      Duration lease) {
    this.cluster = cluster;
    this.broker = broker;
    this.s3 = s3;
    this.random = new Random(seed);
    this.kinds = List.copyOf(kinds);
    this.log = cluster.logDirectory().resolve("faults.log");
    this.database = database;
    this.job = job;
    this.lease = lease;
    for (int r = 0; r < replicas; r++) {
      replicaRestarts.add(CompletableFuture.completedFuture(null));
    }
  }

  Path logFile() {
    return log;
  }

  /** Starts {@code count} workers, spread over the control-plane replicas. */
  void startWorkers(int count) throws IOException {
    for (int w = 0; w < count; w++) {
      Worker worker =
          new Worker("worker-" + w, cluster.controlPlanePort(w % replicaRestarts.size()));
      worker.start();
      workers.add(worker);
    }
  }

  /** Waits a random moment, then injects a random fault that can be injected now. */
  void injectNext(int number, int count) {
    sleep(Duration.ofMillis(300 + random.nextInt(1_700)));
    Fault fault = kinds.get(random.nextInt(kinds.size()));
    while (!canInject(fault)) {
      sleep(Duration.ofMillis(100));
      fault = kinds.get(random.nextInt(kinds.size()));
    }
    String outcome = inject(fault);
    injected.merge(fault, 1, Integer::sum);
    log("fault " + number + "/" + count + " " + fault + ": " + outcome);
  }

  private boolean canInject(Fault fault) {
    return switch (fault) {
      // Never both replicas down at once: workers and the test need one to talk to.
      case RESTART_CONTROL_PLANE -> replicaRestarts.stream().allMatch(CompletableFuture::isDone);
      case KAFKA_RESTART -> kafkaRestart.isDone();
      case KILL_WORKER_UPLOADING -> uploadKill.isDone();
      case KILL_WORKER,
              HALT_BEFORE_COMMIT,
              HALT_AFTER_COMMIT,
              LOSE_COMMIT_ANSWER,
              DELAY_ANSWERS,
              CUT_CONNECTIONS,
              S3_WRITE_FAILURES,
              ZOMBIE_WORKER ->
          true;
    };
  }

  private String inject(Fault fault) {
    return switch (fault) {
      case KILL_WORKER -> {
        Worker worker = leaseHolder();
        boolean claimed =
            worker.tryOccupy(
                () -> {
                  worker.process.kill();
                  worker.start();
                });
        yield claimed ? "killing and restarting " + worker.name : worker.name + " got busy";
      }
      case KILL_WORKER_UPLOADING -> {
        uploadKill = CompletableFuture.runAsync(() -> log(killAnUploader()), background);
        yield "holding S3 writes until one comes from a worker free to kill";
      }
      case HALT_BEFORE_COMMIT -> haltAt(leaseHolder(), "halt-before-commit");
      case HALT_AFTER_COMMIT -> haltAt(leaseHolder(), "halt-after-commit");
      case LOSE_COMMIT_ANSWER -> {
        Worker worker = leaseHolder();
        if (worker.proxy.isArmed()) {
          yield "the next commit answer to " + worker.name + " is already to be lost";
        }
        int lostBefore = worker.proxy.answersLost();
        worker.proxy.loseNextAnswer(MIN_COMMIT_BYTES, Duration.ofSeconds(2));
        // A task commits every few seconds at best: the trap stays set for a while.
        answerLosses.add(
            CompletableFuture.runAsync(
                () -> {
                  if (awaitTrue(ARMED_AT_MOST, () -> worker.proxy.answersLost() > lostBefore)) {
                    log("lost the answer to a commit of " + worker.name);
                  } else {
                    worker.proxy.disarm();
                    log(worker.name + " sent no commit within " + ARMED_AT_MOST);
                  }
                },
                background));
        yield "the next commit answer to " + worker.name + " will be lost";
      }
      case DELAY_ANSWERS -> {
        Worker worker = randomWorker();
        Duration delay = Duration.ofMillis(200 + random.nextInt(2_300));
        Duration window = Duration.ofMillis(2_000 + random.nextInt(4_000));
        int generation = worker.delayGeneration.incrementAndGet();
        worker.proxy.delayAnswers(delay);
        timers.schedule(
            () -> {
              if (worker.delayGeneration.get() == generation) {
                worker.proxy.delayAnswers(Duration.ZERO);
              }
            },
            window.toMillis(),
            TimeUnit.MILLISECONDS);
        yield "answers to " + worker.name + " delayed " + delay.toMillis() + " ms for " + window;
      }
      case CUT_CONNECTIONS -> {
        Worker worker = randomWorker();
        worker.proxy.cutAll();
        yield "cut the connections of " + worker.name;
      }
      case RESTART_CONTROL_PLANE -> {
        int replica = random.nextInt(replicaRestarts.size());
        replicaRestarts.set(
            replica,
            CompletableFuture.runAsync(() -> cluster.restartControlPlane(replica), background));
        yield "killing and restarting control-plane replica " + replica;
      }
      case S3_WRITE_FAILURES -> {
        double probability = 0.2 + random.nextInt(5) / 10.0;
        Duration stall = Duration.ofMillis(1_000 + random.nextInt(5_000));
        Duration window = Duration.ofMillis(3_000 + random.nextInt(5_000));
        int generation = s3Generation.incrementAndGet();
        s3.failWrites(probability, stall);
        timers.schedule(
            () -> {
              if (s3Generation.get() == generation) {
                s3.failWrites(0, stall);
              }
            },
            window.toMillis(),
            TimeUnit.MILLISECONDS);
        yield "S3 writes fail with p=" + probability + ", stalls " + stall + ", for " + window;
      }
      case KAFKA_RESTART -> {
        kafkaRestart = CompletableFuture.runAsync(broker::restart, background);
        yield "restarting the Kafka broker";
      }
      case ZOMBIE_WORKER -> {
        Worker worker = leaseHolder();
        Duration frozen = lease.plusSeconds(3);
        boolean claimed =
            worker.tryOccupy(
                () -> {
                  worker.process.suspend();
                  // Frozen past its lease: the task goes to another worker while it cannot notice.
                  sleep(frozen);
                  worker.process.resume();
                  log(worker.name + " thawed after " + frozen);
                });
        yield claimed ? "freezing " + worker.name + " for " + frozen : worker.name + " got busy";
      }
    };
  }

  /**
   * In the background: holds S3 writes one at a time until one comes from a worker no other fault
   * is busy with, kills that worker while its write is held, and restarts it.
   */
  private String killAnUploader() {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    int proxyPort = Integer.parseInt(s3.endpoint().substring(s3.endpoint().lastIndexOf(':') + 1));
    while (System.nanoTime() < deadline) {
      S3FaultProxy.HeldWrite held = s3.holdNextWrite();
      try {
        Optional<Integer> port = held.awaitClientPort(Duration.ofSeconds(5));
        if (port.isEmpty()) {
          continue;
        }
        List<Long> pids = workers.stream().map(w -> w.process.pid()).toList();
        Optional<Long> owner = SocketOwner.find(port.get(), proxyPort, pids);
        Optional<Worker> sender =
            workers.stream()
                .filter(w -> owner.isPresent() && w.process.pid() == owner.get())
                .findFirst();
        Optional<CompletableFuture<Void>> claim = sender.flatMap(Worker::tryClaim);
        if (claim.isEmpty()) {
          // Its sender is busy with another fault: the write goes on, the next one is held.
          held.passOn();
          continue;
        }
        Worker worker = sender.get();
        CompletableFuture<Void> restarted = claim.get();
        try {
          worker.process.kill();
          held.release();
          worker.start();
        } finally {
          restarted.complete(null);
        }
        return "upload kill: killed and restarted "
            + worker.name
            + " in the middle of "
            + held.request().split(" HTTP")[0].replaceAll("\\?.*", "");
      } finally {
        held.release();
      }
    }
    return "upload kill: no S3 write from a free worker within 20 s";
  }

  /** Makes the worker halt at a crash point of its LeaseRunner; restarts it if it did. */
  private String haltAt(Worker worker, String point) {
    Path trigger = worker.triggers.resolve(point);
    boolean claimed =
        worker.tryOccupy(
            () -> {
              try {
                Files.createFile(trigger);
                boolean halted = awaitTrue(ARMED_AT_MOST, () -> !worker.process.isAlive());
                if (!halted && !Files.deleteIfExists(trigger)) {
                  // Claimed between the wait and the delete: it is halting right now.
                  halted = awaitTrue(Duration.ofSeconds(10), () -> !worker.process.isAlive());
                }
                if (!halted) {
                  log(worker.name + " reached no " + point + " within " + ARMED_AT_MOST);
                  return;
                }
                worker.process.kill();
                worker.start();
                log(worker.name + " halted at " + point + " and was restarted");
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    return claimed ? worker.name + " will halt at " + point : worker.name + " got busy";
  }

  /** A ready worker holding a lease of the job right now, or any ready worker when none does. */
  private Worker leaseHolder() {
    List<Worker> ready = readyWorkers();
    try {
      var tasks =
          cluster
              .sql("SHOW ROUTINE LOAD TASK WHERE JobName = \"" + job + "\"", database)
              .getResults(0);
      int beId = tasks.getColumnsList().indexOf("BeId");
      List<Worker> holders = new ArrayList<>();
      tasks
          .getRowsList()
          .forEach(
              row ->
                  ready.stream()
                      .filter(w -> w.name.equals(row.getValues(beId).getText()))
                      .forEach(holders::add));
      if (!holders.isEmpty()) {
        return holders.get(random.nextInt(holders.size()));
      }
    } catch (RuntimeException e) {
      // No replica answered just now; any worker will do.
    }
    return ready.get(random.nextInt(ready.size()));
  }

  private Worker randomWorker() {
    List<Worker> ready = readyWorkers();
    return ready.get(random.nextInt(ready.size()));
  }

  /** The workers no fault is busy with; waits for one if need be. */
  private List<Worker> readyWorkers() {
    if (!awaitTrue(Duration.ofSeconds(90), () -> workers.stream().anyMatch(Worker::ready))) {
      throw new IllegalStateException("no worker was ready within 90 s");
    }
    return workers.stream().filter(Worker::ready).toList();
  }

  /**
   * Ends every fault: waits for the ones under way (rethrowing their failures), switches off the
   * proxies' faults and starts any worker that is down. The job must then catch up on its own.
   */
  void heal() {
    answerLosses.forEach(CompletableFuture::join);
    uploadKill.join();
    kafkaRestart.join();
    replicaRestarts.forEach(CompletableFuture::join);
    s3Generation.incrementAndGet();
    s3.failWrites(0, Duration.ofSeconds(1));
    for (Worker worker : workers) {
      worker.busy.join();
      worker.delayGeneration.incrementAndGet();
      worker.proxy.disarm();
      worker.proxy.delayAnswers(Duration.ZERO);
      worker.process.resume();
      if (!worker.process.isAlive()) {
        worker.start();
      }
    }
  }

  /** What was injected, for the run's summary. */
  String summary() throws IOException {
    return "injected="
        + injected
        + " s3="
        + s3.injected()
        + " commitAnswersLost="
        + workers.stream().mapToInt(w -> w.proxy.answersLost()).sum()
        + " largestLeaseRequest="
        + workers.stream().mapToInt(w -> w.proxy.largestRequestChunk()).max().orElse(0)
        + " workerLog="
        + workerLogCounts();
  }

  /** How often the workers' logs show each way a round ended badly, over all restarts. */
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

  synchronized void log(String line) {
    try {
      Files.writeString(
          log,
          LocalTime.now() + " " + line + "\n",
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Resumes frozen workers and stops the proxies; the cluster closes the processes. */
  @Override
  public void close() {
    timers.shutdownNow();
    background.shutdownNow();
    for (Worker worker : workers) {
      if (worker.process != null) {
        worker.process.resume();
      }
      worker.proxy.close();
    }
  }

  static boolean awaitTrue(Duration timeout, BooleanSupplier done) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (done.getAsBoolean()) {
        return true;
      }
      sleep(Duration.ofMillis(100));
    }
    return done.getAsBoolean();
  }

  static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
