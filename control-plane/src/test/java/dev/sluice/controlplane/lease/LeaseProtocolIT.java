package dev.sluice.controlplane.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.controlplane.error.ErrorCode;
import dev.sluice.controlplane.error.SluiceException;
import dev.sluice.controlplane.store.Database;
import dev.sluice.controlplane.store.TestDatabases;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The lease protocol against a real PostgreSQL: fencing, idempotency, compare-and-set, pauses. */
class LeaseProtocolIT {
  private static final Duration LEASE = Duration.ofSeconds(30);
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  private MutableClock clock;
  private DataSource dataSource;
  private LeaseFixture fixture;
  private LeaseManager leases;
  private CommitProcessor commits;

  @BeforeEach
  void setUp() {
    clock = new MutableClock(START);
    dataSource = TestDatabases.createMigrated("lease");
    fixture = new LeaseFixture(dataSource);
    Database database = new Database(dataSource);
    leases = new LeaseManager(database, clock, LEASE, Duration.ofSeconds(3));
    commits = new CommitProcessor(database, clock);
  }

  @Test
  void twoReplicasNeverHandOneTaskToTwoWorkers() throws Exception {
    LeaseFixture.Job job = fixture.createRunningJob("storm", 40, 40, 0, 1.0, START);
    // Two control-plane replicas on the same database, each with its own pool of callers.
    Database database = new Database(dataSource);
    List<LeaseManager> replicas =
        List.of(
            new LeaseManager(database, clock, LEASE, Duration.ofSeconds(3)),
            new LeaseManager(new Database(dataSource), clock, LEASE, Duration.ofSeconds(3)));
    Map<UUID, String> holders = new ConcurrentHashMap<>();
    List<String> doubleGrants = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Integer>> results = new ArrayList<>();
    for (int w = 0; w < 8; w++) {
      String worker = "worker-" + w;
      LeaseManager replica = replicas.get(w % 2);
      results.add(
          pool.submit(
              () -> {
                go.await();
                int granted = 0;
                for (int i = 0; i < 20; i++) {
                  Optional<LeaseGrant> grant = replica.acquire(worker);
                  if (grant.isPresent()) {
                    granted++;
                    String previous = holders.putIfAbsent(grant.get().taskId(), worker);
                    if (previous != null) {
                      synchronized (doubleGrants) {
                        doubleGrants.add(
                            grant.get().taskId() + " to " + previous + " and " + worker);
                      }
                    }
                  }
                }
                return granted;
              }));
    }
    go.countDown();
    int total = 0;
    for (Future<Integer> result : results) {
      total += result.get();
    }
    pool.shutdown();
    assertThat(doubleGrants).isEmpty();
    assertThat(total).isEqualTo(40);
    assertThat(holders.keySet()).containsExactlyInAnyOrderElementsOf(job.taskIds());
  }

  @Test
  void leaseCarriesThePartitionsAndTheirNextOffsets() throws Exception {
    LeaseFixture.Job job = fixture.createRunningJob("offsets", 5, 2, 0, 1.0, START);
    List<LeaseGrant> grants = new ArrayList<>();
    leases.acquire("w1").ifPresent(grants::add);
    leases.acquire("w1").ifPresent(grants::add);
    assertThat(leases.acquire("w1")).isEmpty();
    assertThat(grants)
        .extracting(LeaseGrant::partitions)
        .containsExactlyInAnyOrder(
            List.of(new PartitionStart(0, 0), new PartitionStart(2, 0), new PartitionStart(4, 0)),
            List.of(new PartitionStart(1, 0), new PartitionStart(3, 0)));
    assertThat(grants).allSatisfy(g -> assertThat(g.jobId()).isEqualTo(job.jobId()));
    assertThat(grants).allSatisfy(g -> assertThat(g.expiresAt()).isEqualTo(START.plus(LEASE)));
  }

  @Test
  void commitAdvancesOffsetsAddsFilesAndStatistics() throws Exception {
    LeaseFixture.Job job = fixture.createRunningJob("commit", 2, 1, 0, 1.0, START);
    LeaseGrant grant = leases.acquire("w1").orElseThrow();
    CommitResult result = commits.commit(commitOf(grant, 100, 2, false));

    assertThat(result.alreadyCommitted()).isFalse();
    assertThat(fixture.nextOffset(job.jobId(), 0)).isEqualTo(100);
    assertThat(fixture.nextOffset(job.jobId(), 1)).isEqualTo(100);
    assertThat(fixture.manifestFiles(job.tableId())).isEqualTo(2);
    assertThat(fixture.jobStatistic(job.jobId(), "loaded_rows")).isEqualTo(200);
    assertThat(fixture.jobStatistic(job.jobId(), "committed_task_num")).isEqualTo(1);
    // Not drained: the partition is behind, so the task is runnable again at once.
    assertThat(fixture.runnableAt(grant.taskId())).isEqualTo(START);
    LeaseGrant next = leases.acquire("w1").orElseThrow();
    assertThat(next.epoch()).isEqualTo(grant.epoch() + 1);
    assertThat(next.partitions())
        .containsExactly(new PartitionStart(0, 100), new PartitionStart(1, 100));
  }

  @Test
  void aDrainedTaskWaitsMaxBatchInterval() throws Exception {
    LeaseFixture.Job job = fixture.createRunningJob("drained", 1, 1, 0, 1.0, START);
    LeaseGrant grant = leases.acquire("w1").orElseThrow();
    commits.commit(commitOf(grant, 10, 0, true));

    assertThat(fixture.runnableAt(grant.taskId())).isEqualTo(START.plusSeconds(10));
    assertThat(fixture.taskMessage(grant.taskId()))
        .isEqualTo("there is no new data in kafka, wait for 10 seconds to schedule again");
    assertThat(leases.acquire("w1")).isEmpty();
    clock.advance(Duration.ofSeconds(10));
    assertThat(leases.acquire("w1")).isPresent();
    assertThat(fixture.jobState(job.jobId())).isEqualTo("RUNNING");
  }

  @Test
  void aRepeatedCommitReturnsTheFirstAnswerAndChangesNothing() throws Exception {
    LeaseFixture.Job job = fixture.createRunningJob("retry", 1, 1, 0, 1.0, START);
    LeaseGrant grant = leases.acquire("w1").orElseThrow();
    CommitRequest request = commitOf(grant, 50, 1, false);
    CommitResult first = commits.commit(request);
    // The answer was lost; meanwhile another worker already leased the task again.
    leases.acquire("w2").orElseThrow();
    CommitResult second = commits.commit(request);

    assertThat(second.txnId()).isEqualTo(first.txnId());
    assertThat(second.alreadyCommitted()).isTrue();
    assertThat(fixture.transactions(job.jobId())).isEqualTo(1);
    assertThat(fixture.manifestFiles(job.tableId())).isEqualTo(1);
    assertThat(fixture.jobStatistic(job.jobId(), "loaded_rows")).isEqualTo(50);
    assertThat(fixture.nextOffset(job.jobId(), 0)).isEqualTo(50);
  }

  /**
   * Hole 1 of the protocol review: a resend that arrives while the first send is still inside its
   * transaction used to look the attempt up before taking the lock, then find the task released by
   * the first send and answer LEASE_LOST, after which the worker deleted committed files.
   */
  @Test
  void aResendOverlappingTheFirstSendGetsTheSameAnswer() throws Exception {
    LeaseFixture.Job job = fixture.createRunningJob("overlap", 1, 1, 0, 1.0, START);
    LeaseGrant grant = leases.acquire("w1").orElseThrow();
    CommitRequest request = commitOf(grant, 40, 1, false);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (Connection blocker = dataSource.getConnection()) {
      // Another transaction holds the job row, which every commit of the job locks: the first
      // send waits inside its transaction, as it would behind another commit or a stalled replica.
      blocker.setAutoCommit(false);
      try (Statement lock = blocker.createStatement()) {
        lock.execute("SELECT id FROM routine_load_jobs WHERE id = " + job.jobId() + " FOR UPDATE");
      }
      Future<CommitResult> first = pool.submit(() -> commits.commit(request));
      fixture.awaitLockWaiters(1);
      Future<CommitResult> resend = pool.submit(() -> commits.commit(request));
      fixture.awaitLockWaiters(2);
      blocker.commit();

      List<CommitResult> answers = List.of(first.get(), resend.get());
      assertThat(answers).extracting(CommitResult::txnId).containsOnly(answers.get(0).txnId());
      assertThat(answers)
          .extracting(CommitResult::alreadyCommitted)
          .containsExactlyInAnyOrder(false, true);
    } finally {
      pool.shutdownNow();
    }
    assertThat(fixture.transactions(job.jobId())).isEqualTo(1);
    assertThat(fixture.manifestFiles(job.tableId())).isEqualTo(1);
    assertThat(fixture.nextOffset(job.jobId(), 0)).isEqualTo(40);
  }

  /** A resend after the job was paused (its tasks deleted) still learns that it committed. */
  @Test
  void aResendAfterThePauseThatDeletedTheTaskLearnsItCommitted() throws Exception {
    LeaseFixture.Job job = fixture.createRunningJob("paused", 1, 1, 0, 1.0, START);
    LeaseGrant grant = leases.acquire("w1").orElseThrow();
    CommitRequest request = commitOf(grant, 5, 1, false);
    CommitResult first = commits.commit(request);
    fixture.deleteTasks(job.jobId());

    CommitResult resend = commits.commit(request);
    assertThat(resend.txnId()).isEqualTo(first.txnId());
    assertThat(resend.alreadyCommitted()).isTrue();
  }

  @Test
  void aZombieWithAnOldEpochCannotCommit() throws Exception {
    LeaseFixture.Job job = fixture.createRunningJob("zombie", 1, 1, 0, 1.0, START);
    LeaseGrant zombie = leases.acquire("slow-worker").orElseThrow();
    clock.advance(LEASE.plusSeconds(1));
    LeaseGrant successor = leases.acquire("fast-worker").orElseThrow();
    assertThat(successor.taskId()).isEqualTo(zombie.taskId());
    assertThat(successor.epoch()).isEqualTo(zombie.epoch() + 1);
    assertThat(leases.heartbeat(zombie.taskId(), zombie.epoch(), "slow-worker")).isEmpty();

    assertThatThrownBy(() -> commits.commit(commitOf(zombie, 10, 1, false)))
        .isInstanceOf(SluiceException.class)
        .hasMessageContaining("Lease lost")
        .hasMessageContaining("epoch " + successor.epoch())
        .extracting(e -> ((SluiceException) e).code())
        .isEqualTo(ErrorCode.LEASE_LOST);
    assertThat(fixture.nextOffset(job.jobId(), 0)).isZero();
    assertThat(fixture.manifestFiles(job.tableId())).isZero();

    commits.commit(commitOf(successor, 10, 1, false));
    assertThat(fixture.nextOffset(job.jobId(), 0)).isEqualTo(10);
  }

  @Test
  void anExpiredLeaseNobodyTookCanStillCommit() throws Exception {
    LeaseFixture.Job job = fixture.createRunningJob("late", 1, 1, 0, 1.0, START);
    LeaseGrant grant = leases.acquire("w1").orElseThrow();
    clock.advance(LEASE.plusSeconds(5));
    commits.commit(commitOf(grant, 7, 1, false));
    assertThat(fixture.nextOffset(job.jobId(), 0)).isEqualTo(7);
  }

  @Test
  void anOffsetMismatchIsRejectedAndNothingChanges() throws Exception {
    LeaseFixture.Job job = fixture.createRunningJob("cas", 2, 1, 0, 1.0, START);
    LeaseGrant grant = leases.acquire("w1").orElseThrow();
    CommitRequest good = commitOf(grant, 20, 1, false);
    // Partition 1 claims to start at 5, but its committed offset is 0.
    CommitRequest bad =
        new CommitRequest(
            good.taskId(),
            good.epoch(),
            good.attemptId(),
            List.of(new PartitionProgress(0, 0, 20, 1), new PartitionProgress(1, 5, 20, 1)),
            good.files(),
            good.statistics(),
            "",
            false);

    assertThatThrownBy(() -> commits.commit(bad))
        .isInstanceOf(SluiceException.class)
        .hasMessageContaining("Offset conflict on partition 1")
        .extracting(e -> ((SluiceException) e).code())
        .isEqualTo(ErrorCode.OFFSET_CONFLICT);
    assertThat(fixture.nextOffset(job.jobId(), 0)).isZero();
    assertThat(fixture.nextOffset(job.jobId(), 1)).isZero();
    assertThat(fixture.transactions(job.jobId())).isZero();
    assertThat(fixture.manifestFiles(job.tableId())).isZero();
    assertThat(fixture.jobStatistic(job.jobId(), "loaded_rows")).isZero();
  }

  @Test
  void tooManyErrorRowsInTheWindowPauseTheJobButTheBatchCommits() throws Exception {
    LeaseFixture.Job job = fixture.createRunningJob("errors", 1, 1, 5, 1.0, START);
    LeaseGrant first = leases.acquire("w1").orElseThrow();
    commits.commit(commitWithErrors(first, 0, 100, 3));
    assertThat(fixture.jobState(job.jobId())).isEqualTo("RUNNING");

    LeaseGrant second = leases.acquire("w1").orElseThrow();
    commits.commit(commitWithErrors(second, 100, 200, 3));

    assertThat(fixture.jobState(job.jobId())).isEqualTo("PAUSED");
    assertThat(fixture.reasonOfStateChanged(job.jobId()))
        .contains("Too many error rows: 6 error rows")
        .contains("max_error_number 5");
    // The batch that crossed the line is still committed: good rows load, offsets advance.
    assertThat(fixture.nextOffset(job.jobId(), 0)).isEqualTo(200);
    assertThat(fixture.jobStatistic(job.jobId(), "error_rows")).isEqualTo(6);
    assertThat(fixture.jobStatistic(job.jobId(), "loaded_rows")).isEqualTo(194);
    // Its tasks are gone: nothing runs until RESUME.
    assertThat(fixture.tasks(job.jobId())).isZero();
    assertThat(leases.acquire("w1")).isEmpty();
  }

  @Test
  void exceedingMaxFilterRatioFailsTheBatchAndPausesTheJob() throws Exception {
    LeaseFixture.Job job = fixture.createRunningJob("ratio", 1, 1, 1000, 0.1, START);
    LeaseGrant grant = leases.acquire("w1").orElseThrow();

    assertThatThrownBy(() -> commits.commit(commitWithErrors(grant, 0, 100, 20)))
        .isInstanceOf(SluiceException.class)
        .hasMessageContaining("20 error rows out of 100 exceed max_filter_ratio 0.1")
        .extracting(e -> ((SluiceException) e).code())
        .isEqualTo(ErrorCode.FILTER_RATIO_EXCEEDED);
    assertThat(fixture.nextOffset(job.jobId(), 0)).isZero();
    assertThat(fixture.manifestFiles(job.tableId())).isZero();
    assertThat(fixture.jobState(job.jobId())).isEqualTo("PAUSED");
    assertThat(fixture.jobStatistic(job.jobId(), "aborted_task_num")).isEqualTo(1);
  }

  @Test
  void anAllErrorBatchStillAdvancesItsOffsets() throws Exception {
    LeaseFixture.Job job = fixture.createRunningJob("poison", 1, 1, 1000, 1.0, START);
    LeaseGrant grant = leases.acquire("w1").orElseThrow();
    commits.commit(commitWithErrors(grant, 0, 3, 3));
    assertThat(fixture.nextOffset(job.jobId(), 0)).isEqualTo(3);
    assertThat(fixture.manifestFiles(job.tableId())).isZero();
  }

  @Test
  void anOffsetOutOfRangePausesTheJobNamingPartitionAndOffset() throws Exception {
    LeaseFixture.Job job = fixture.createRunningJob("range", 1, 1, 0, 1.0, START);
    LeaseGrant grant = leases.acquire("w1").orElseThrow();
    leases.abort(
        grant.taskId(),
        grant.epoch(),
        grant.attemptId(),
        new TaskFailure("offset out of range", false, Optional.of(new PartitionStart(0, 12345))));

    assertThat(fixture.jobState(job.jobId())).isEqualTo("PAUSED");
    assertThat(fixture.reasonOfStateChanged(job.jobId()))
        .contains("partition 0")
        .contains("offset 12345");
    assertThat(fixture.jobStatistic(job.jobId(), "aborted_task_num")).isEqualTo(1);
  }

  @Test
  void anAbortedTaskRunsAgainFromTheSameOffsetsAfterABackOff() throws Exception {
    LeaseFixture.Job job = fixture.createRunningJob("abort", 1, 1, 0, 1.0, START);
    LeaseGrant grant = leases.acquire("w1").orElseThrow();
    leases.abort(
        grant.taskId(),
        grant.epoch(),
        grant.attemptId(),
        TaskFailure.transientFailure("upload failed"));
    // A late abort from a fenced attempt changes nothing.
    leases.abort(
        grant.taskId(),
        grant.epoch() - 1,
        UUID.randomUUID(),
        TaskFailure.transientFailure("stale"));

    assertThat(fixture.taskMessage(grant.taskId())).isEqualTo("upload failed");
    assertThat(leases.acquire("w1")).isEmpty();
    clock.advance(Duration.ofSeconds(3));
    LeaseGrant again = leases.acquire("w2").orElseThrow();
    assertThat(again.partitions()).containsExactly(new PartitionStart(0, 0));
    assertThat(fixture.jobStatistic(job.jobId(), "aborted_task_num")).isEqualTo(1);
  }

  /** Hole 7: work that can never succeed pauses the job with the reason, instead of looping. */
  @Test
  void theSameDeterministicFailureThreeTimesInARowPausesTheJob() throws Exception {
    LeaseFixture.Job job = fixture.createRunningJob("unusable", 2, 1, 0, 1.0, START);
    String reason = "invalid jsonpath '$.a[*]': wildcards are not supported";
    for (int round = 1; round <= 3; round++) {
      assertThat(fixture.jobState(job.jobId())).isEqualTo("RUNNING");
      LeaseGrant grant = leases.acquire("w1").orElseThrow();
      leases.abort(
          grant.taskId(),
          grant.epoch(),
          grant.attemptId(),
          new TaskFailure(reason, true, Optional.empty()));
      clock.advance(Duration.ofSeconds(3));
    }

    assertThat(fixture.jobState(job.jobId())).isEqualTo("PAUSED");
    assertThat(fixture.reasonOfStateChanged(job.jobId()))
        .isEqualTo(
            "The task for partitions [0, 1] failed 3 times in a row: "
                + reason
                + ". It cannot succeed as the job stands: fix it (ALTER ROUTINE LOAD), then"
                + " RESUME.");
  }

  @Test
  void outagesAndChangingOrInterruptedFailuresNeverPause() throws Exception {
    LeaseFixture.Job job = fixture.createRunningJob("flaky", 1, 1, 0, 1.0, START);
    List<TaskFailure> failures =
        List.of(
            new TaskFailure("bad setting A", true, Optional.empty()),
            new TaskFailure("bad setting A", true, Optional.empty()),
            TaskFailure.transientFailure("S3 unavailable"),
            new TaskFailure("bad setting A", true, Optional.empty()),
            new TaskFailure("bad setting B", true, Optional.empty()),
            TaskFailure.transientFailure("S3 unavailable"),
            TaskFailure.transientFailure("S3 unavailable"),
            TaskFailure.transientFailure("S3 unavailable"),
            new TaskFailure("bad setting A", true, Optional.empty()),
            new TaskFailure("bad setting A", true, Optional.empty()));
    for (TaskFailure failure : failures) {
      LeaseGrant grant = leases.acquire("w1").orElseThrow();
      leases.abort(grant.taskId(), grant.epoch(), grant.attemptId(), failure);
      clock.advance(Duration.ofSeconds(3));
    }
    // A commit ends the streak too.
    commits.commit(commitOf(leases.acquire("w1").orElseThrow(), 5, 1, false));
    LeaseGrant last = leases.acquire("w1").orElseThrow();
    leases.abort(
        last.taskId(),
        last.epoch(),
        last.attemptId(),
        new TaskFailure("bad setting A", true, Optional.empty()));

    assertThat(fixture.jobState(job.jobId())).isEqualTo("RUNNING");
    assertThat(fixture.jobStatistic(job.jobId(), "aborted_task_num")).isEqualTo(11);
  }

  /** A commit PostgreSQL cannot store fails the same way on every send and every round. */
  @Test
  void aCommitTheDatabaseCannotStoreIsRefusedAndPausesTheJobWhenItRepeats() throws Exception {
    LeaseFixture.Job job = fixture.createRunningJob("refused", 1, 1, 0, 1.0, START);
    for (int round = 1; round <= 3; round++) {
      LeaseGrant grant = leases.acquire("w1").orElseThrow();
      CommitRequest good = commitOf(grant, 10, 1, false);
      CommitRequest unstorable =
          new CommitRequest(
              good.taskId(),
              good.epoch(),
              good.attemptId(),
              good.progress(),
              List.of(new CommittedFile("tables/1/x.parquet", "k=\u0000", 0, 10, 1, "{}")),
              good.statistics(),
              "",
              false);
      assertThatThrownBy(() -> commits.commit(unstorable))
          .isInstanceOf(SluiceException.class)
          .hasMessageStartingWith("Commit refused, the commit cannot be stored: ")
          .extracting(e -> ((SluiceException) e).code())
          .isEqualTo(ErrorCode.COMMIT_REFUSED);
    }

    assertThat(fixture.nextOffset(job.jobId(), 0)).isZero();
    assertThat(fixture.manifestFiles(job.tableId())).isZero();
    assertThat(fixture.jobState(job.jobId())).isEqualTo("PAUSED");
    assertThat(fixture.reasonOfStateChanged(job.jobId()))
        .startsWith("The task for partitions [0] failed 3 times in a row: the commit cannot be")
        .contains("It cannot succeed as the job stands");
  }

  /** A late abort of an attempt that committed must neither mark the round ABORTED nor pause. */
  @Test
  void aLateAbortOfACommittedAttemptChangesNothing() throws Exception {
    LeaseFixture.Job job = fixture.createRunningJob("lateabort", 1, 1, 0, 1.0, START);
    LeaseGrant grant = leases.acquire("w1").orElseThrow();
    commits.commit(commitOf(grant, 10, 1, false));
    leases.abort(
        grant.taskId(),
        grant.epoch(),
        grant.attemptId(),
        new TaskFailure("offset out of range", false, Optional.of(new PartitionStart(0, 0))));

    assertThat(fixture.jobState(job.jobId())).isEqualTo("RUNNING");
    assertThat(fixture.taskStatus(grant.taskId())).isEqualTo("VISIBLE");
    assertThat(fixture.jobStatistic(job.jobId(), "aborted_task_num")).isZero();
  }

  /** 10 x max_batch_rows must not overflow into a window that is always full. */
  @Test
  void theErrorWindowOfAHugeMaxBatchRowsDoesNotOverflow() throws Exception {
    LeaseFixture.Job job = fixture.createRunningJob("overflow", 1, 1, 5, 1.0, START);
    fixture.setJobProperty(job.jobId(), "max_batch_rows", Long.toString(1L << 62));
    commits.commit(commitWithErrors(leases.acquire("w1").orElseThrow(), 0, 100, 3));
    commits.commit(commitWithErrors(leases.acquire("w1").orElseThrow(), 100, 200, 3));

    assertThat(fixture.jobState(job.jobId())).isEqualTo("PAUSED");
    assertThat(fixture.reasonOfStateChanged(job.jobId()))
        .contains("Too many error rows: 6 error rows");
  }

  /** StarRocks counts only real transactions: a round that read nothing commits none. */
  @Test
  void aRoundThatReadNothingCommitsNoTransaction() throws Exception {
    LeaseFixture.Job job = fixture.createRunningJob("empty", 1, 1, 0, 1.0, START);
    LeaseGrant grant = leases.acquire("w1").orElseThrow();
    commits.commit(commitOf(grant, 0, 0, true));

    assertThat(fixture.transactions(job.jobId())).isZero();
    assertThat(fixture.jobStatistic(job.jobId(), "committed_task_num")).isZero();
    assertThat(fixture.runnableAt(grant.taskId())).isEqualTo(START.plusSeconds(10));
    assertThat(leases.acquire("w1")).isEmpty();
  }

  /** Offsets that must move over a gap (transaction markers, compaction) still commit. */
  @Test
  void aRoundThatOnlySteppedOverAGapCommitsItsOffsets() throws Exception {
    LeaseFixture.Job job = fixture.createRunningJob("gap", 1, 1, 0, 1.0, START);
    LeaseGrant grant = leases.acquire("w1").orElseThrow();
    commits.commit(
        new CommitRequest(
            grant.taskId(),
            grant.epoch(),
            grant.attemptId(),
            List.of(new PartitionProgress(0, 0, 2, 0)),
            List.of(),
            new LoadStatistics(0, 0, 0, 0, 0, 5),
            "",
            true));

    assertThat(fixture.nextOffset(job.jobId(), 0)).isEqualTo(2);
    assertThat(fixture.transactions(job.jobId())).isEqualTo(1);
    assertThat(fixture.jobStatistic(job.jobId(), "committed_task_num")).isEqualTo(1);
  }

  /** The rejected rows of a batch failed by max_filter_ratio are what the user needs to see. */
  @Test
  void aBatchFailedByMaxFilterRatioKeepsItsErrorLogUrl() throws Exception {
    LeaseFixture.Job job = fixture.createRunningJob("ratiolog", 1, 1, 1000, 0.1, START);
    LeaseGrant grant = leases.acquire("w1").orElseThrow();
    assertThatThrownBy(() -> commits.commit(commitWithErrors(grant, 0, 100, 20)))
        .hasMessageContaining("exceed max_filter_ratio");
    assertThat(fixture.errorLogUrls(job.jobId())).isEqualTo("errors/" + grant.attemptId() + ".log");
  }

  private static CommitRequest commitOf(LeaseGrant grant, long rows, int files, boolean drained) {
    List<PartitionProgress> progress = new ArrayList<>();
    for (PartitionStart start : grant.partitions()) {
      progress.add(
          new PartitionProgress(
              start.partition(), start.startOffset(), start.startOffset() + rows, 1));
    }
    List<CommittedFile> written = new ArrayList<>();
    for (int f = 0; f < files; f++) {
      written.add(
          new CommittedFile(
              "tables/1/" + grant.attemptId() + "/f" + f + ".parquet", "", f, rows, 1000, "{}"));
    }
    long total = rows * grant.partitions().size();
    return new CommitRequest(
        grant.taskId(),
        grant.epoch(),
        grant.attemptId(),
        progress,
        written,
        new LoadStatistics(total * 10, total, total, 0, 0, 5),
        "",
        drained);
  }

  private static CommitRequest commitWithErrors(
      LeaseGrant grant, long start, long end, long errorRows) {
    long rows = end - start;
    List<CommittedFile> files =
        rows > errorRows
            ? List.of(
                new CommittedFile(
                    "tables/1/" + grant.attemptId() + "/f.parquet",
                    "",
                    0,
                    rows - errorRows,
                    1,
                    "{}"))
            : List.of();
    return new CommitRequest(
        grant.taskId(),
        grant.epoch(),
        grant.attemptId(),
        List.of(new PartitionProgress(0, start, end, 1)),
        files,
        new LoadStatistics(rows * 10, rows, rows - errorRows, errorRows, 0, 5),
        "errors/" + grant.attemptId() + ".log",
        false);
  }
}
