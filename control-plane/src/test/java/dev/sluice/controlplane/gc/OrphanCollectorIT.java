package dev.sluice.controlplane.gc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.controlplane.catalog.StorageLocations;
import dev.sluice.controlplane.lease.CommitProcessor;
import dev.sluice.controlplane.lease.CommitRequest;
import dev.sluice.controlplane.lease.CommittedFile;
import dev.sluice.controlplane.lease.LeaseGrant;
import dev.sluice.controlplane.lease.LeaseManager;
import dev.sluice.controlplane.lease.LoadStatistics;
import dev.sluice.controlplane.lease.PartitionProgress;
import dev.sluice.controlplane.lease.PartitionStart;
import dev.sluice.controlplane.lease.TaskFailure;
import dev.sluice.controlplane.store.Database;
import dev.sluice.controlplane.store.TestDatabases;
import dev.sluice.storage.objectstore.ObjectInfo;
import dev.sluice.storage.objectstore.ObjectStore;
import dev.sluice.storage.objectstore.ObjectUpload;
import dev.sluice.storage.objectstore.PendingUpload;
import dev.sluice.storage.objectstore.S3Settings;
import dev.sluice.testing.FreePort;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The orphaned-file collector against a real PostgreSQL and a real S3 API server. Objects get their
 * real modification time from S3Proxy; the collector's clock is set two hours ahead with a grace of
 * one hour to make them old, or left at the real time to make them young.
 */
class OrphanCollectorIT {
  private static final AtomicInteger BUCKETS = new AtomicInteger();
  private static final Duration GRACE = Duration.ofHours(1);
  private static final InstantSource LATER = () -> Instant.now().plus(Duration.ofHours(2));

  private String bucket;
  private DataSource dataSource;
  private Database database;
  private GcFixture fixture;
  private ObjectStore store;
  private AtomicReference<Instant> leaseTime;
  private LeaseManager leases;
  private LeaseManager shortLeases;
  private CommitProcessor commits;

  @BeforeEach
  void setUp() {
    dataSource = TestDatabases.createMigrated("gc");
    database = new Database(dataSource);
    bucket = "gc-" + ProcessHandle.current().pid() + "-" + BUCKETS.incrementAndGet();
    fixture = new GcFixture(dataSource, bucket);
    store = StorageLocations.store(fixture.volume).open();
    leaseTime = new AtomicReference<>(Instant.now());
    InstantSource leaseClock = leaseTime::get;
    // An aborted task waits an hour, so a new lease never picks it in these tests.
    leases = new LeaseManager(database, leaseClock, Duration.ofMinutes(10), Duration.ofHours(1));
    shortLeases =
        new LeaseManager(database, leaseClock, Duration.ofSeconds(1), Duration.ofHours(1));
    commits = new CommitProcessor(database, leaseClock);
  }

  @AfterEach
  void tearDown() {
    store.close();
  }

  @Test
  void deletesOnlyFilesOfAttemptsThatCanNeverCommit() throws Exception {
    GcFixture.Job job = fixture.createRunningJob("mixed", 4, leaseTime.get());
    String prefix = fixture.tablePrefix(job.tableId());

    LeaseGrant committed = leases.acquire("w1").orElseThrow();
    String committedTablet = write(prefix + "/" + committed.attemptId() + "-0-0.parquet");
    String committedPartitioned =
        write(prefix + "/dt=2026-01-01/" + committed.attemptId() + "-0-1.parquet");
    // Written but not listed in the commit, e.g. left by a retried round: never visible.
    String committedLeftover = write(prefix + "/" + committed.attemptId() + "-0-2.parquet");
    String committedLog = write(prefix + "/_rejected/" + committed.attemptId() + ".log");
    commits.commit(commitOf(committed, List.of(committedTablet, committedPartitioned)));

    LeaseGrant aborted = leases.acquire("w1").orElseThrow();
    String abortedTablet = write(prefix + "/" + aborted.attemptId() + "-0-0.parquet");
    String abortedPartitioned =
        write(prefix + "/dt=2026-01-01/" + aborted.attemptId() + "-0-1.parquet");
    String abortedLog = write(prefix + "/_rejected/" + aborted.attemptId() + ".log");
    leases.abort(
        aborted.taskId(),
        aborted.epoch(),
        aborted.attemptId(),
        TaskFailure.transientFailure("worker gave up"));

    LeaseGrant live = leases.acquire("w2").orElseThrow();
    String liveTablet = write(prefix + "/" + live.attemptId() + "-0-0.parquet");
    String liveLog = write(prefix + "/_rejected/" + live.attemptId() + ".log");

    // Its lease expires, but nobody took the task over: its commit can still land.
    LeaseGrant expired = shortLeases.acquire("w3").orElseThrow();
    String expiredTablet = write(prefix + "/" + expired.attemptId() + "-0-0.parquet");
    leaseTime.set(leaseTime.get().plus(Duration.ofMinutes(1)));

    String notOurs = write(prefix + "/README.txt");
    String notAnAttempt = write(prefix + "/backup-0-0.parquet");

    CollectionReport report = collector(LATER).collect();

    assertThat(report.ran()).isTrue();
    assertThat(report.deleted()).isEqualTo(4);
    assertThat(keys(prefix))
        .containsExactlyInAnyOrder(
            committedTablet,
            committedPartitioned,
            committedLog,
            liveTablet,
            liveLog,
            expiredTablet,
            notOurs,
            notAnAttempt);
    assertThat(keys(prefix))
        .doesNotContain(committedLeftover, abortedTablet, abortedPartitioned, abortedLog);

    // Another worker takes the expired task over: the old attempt is fenced for good.
    LeaseGrant successor = leases.acquire("w4").orElseThrow();
    assertThat(successor.taskId()).isEqualTo(expired.taskId());
    collector(LATER).collect();
    assertThat(keys(prefix)).doesNotContain(expiredTablet).contains(liveTablet, committedTablet);
  }

  @Test
  void abortsTheUnfinishedUploadsOfAttemptsThatCanNeverCommit() throws Exception {
    GcFixture.Job job = fixture.createRunningJob("uploads", 2, leaseTime.get());
    String prefix = fixture.tablePrefix(job.tableId());
    LeaseGrant dead = leases.acquire("w1").orElseThrow();
    String deadKey = abandonUpload(prefix + "/" + dead.attemptId() + "-0-0.parquet");
    leases.abort(
        dead.taskId(),
        dead.epoch(),
        dead.attemptId(),
        TaskFailure.transientFailure("worker died mid-file"));
    LeaseGrant live = leases.acquire("w2").orElseThrow();
    String liveKey = abandonUpload(prefix + "/" + live.attemptId() + "-0-0.parquet");

    CollectionReport young = collector(InstantSource.system()).collect();
    assertThat(young.aborted()).isZero();
    assertThat(pendingKeys(prefix)).containsExactlyInAnyOrder(deadKey, liveKey);

    CollectionReport old = collector(LATER).collect();
    assertThat(old.aborted()).isEqualTo(1);
    assertThat(pendingKeys(prefix)).containsExactly(liveKey);
    assertThat(keys(prefix)).isEmpty();
  }

  /** A batch failed by max_filter_ratio never commits, yet its log is what ErrorLogUrls shows. */
  @Test
  void keepsTheRejectedRecordLogThatErrorLogUrlsShows() throws Exception {
    GcFixture.Job job = fixture.createRunningJob("shown", 1, leaseTime.get());
    String prefix = fixture.tablePrefix(job.tableId());
    LeaseGrant failed = leases.acquire("w1").orElseThrow();
    String tablet = write(prefix + "/" + failed.attemptId() + "-0-0.parquet");
    String log = write(prefix + "/_rejected/" + failed.attemptId() + ".log");
    leases.abort(
        failed.taskId(),
        failed.epoch(),
        failed.attemptId(),
        TaskFailure.transientFailure("too many filtered rows"));
    try (Connection c = dataSource.getConnection();
        PreparedStatement show =
            c.prepareStatement("UPDATE routine_load_jobs SET error_log_urls = ? WHERE id = ?")) {
      show.setString(1, "http://127.0.0.1:9000/" + bucket + "/" + log);
      show.setLong(2, job.jobId());
      show.executeUpdate();
    }

    assertThat(collector(LATER).collect().deleted()).isEqualTo(1);
    assertThat(keys(prefix)).containsExactly(log);
  }

  @Test
  void keepsFilesYoungerThanTheGracePeriod() throws Exception {
    GcFixture.Job job = fixture.createRunningJob("young", 1, leaseTime.get());
    String prefix = fixture.tablePrefix(job.tableId());
    LeaseGrant aborted = leases.acquire("w1").orElseThrow();
    String tablet = write(prefix + "/" + aborted.attemptId() + "-0-0.parquet");
    leases.abort(
        aborted.taskId(),
        aborted.epoch(),
        aborted.attemptId(),
        TaskFailure.transientFailure("worker gave up"));
    String unknownAttempt = write(prefix + "/" + UUID.randomUUID() + "-0-0.parquet");

    CollectionReport young = collector(InstantSource.system()).collect();

    assertThat(young.ran()).isTrue();
    assertThat(young.listed()).isEqualTo(2);
    assertThat(young.deleted()).isZero();
    assertThat(keys(prefix)).containsExactlyInAnyOrder(tablet, unknownAttempt);

    assertThat(collector(LATER).collect().deleted()).isEqualTo(2);
    assertThat(keys(prefix)).isEmpty();
  }

  @Test
  void aCommitLandingWhileCollectingKeepsItsFiles() throws Exception {
    GcFixture.Job job = fixture.createRunningJob("race", 1, leaseTime.get());
    String prefix = fixture.tablePrefix(job.tableId());
    LeaseGrant grant = leases.acquire("w1").orElseThrow();
    String tablet = write(prefix + "/" + grant.attemptId() + "-0-0.parquet");
    String log = write(prefix + "/_rejected/" + grant.attemptId() + ".log");

    // The commit lands between the listing and the decision: the worst moment.
    ObjectStore committingStore =
        new ListingHook(
            StorageLocations.store(fixture.volume).open(),
            () -> commits.commit(commitOf(grant, List.of(tablet))));
    CollectionReport report =
        new OrphanCollector(database, fixture.clusterId(), LATER, GRACE, volume -> committingStore)
            .collect();

    assertThat(report.listed()).isEqualTo(2);
    assertThat(report.deleted()).isZero();
    assertThat(keys(prefix)).containsExactlyInAnyOrder(tablet, log);
  }

  /**
   * A second installation (its own PostgreSQL database, e.g. one recreated from scratch) on the
   * same bucket and prefix has the same table ids: each collector must keep the other's files,
   * committed or in flight, and still collect its own orphans.
   */
  @Test
  void twoClustersOnOneBucketAndPrefixKeepEachOthersFiles() throws Exception {
    DataSource otherSource = TestDatabases.createMigrated("gc");
    Database other = new Database(otherSource);
    GcFixture otherFixture = new GcFixture(otherSource, bucket);
    LeaseManager otherLeases =
        new LeaseManager(other, leaseTime::get, Duration.ofMinutes(10), Duration.ofHours(1));
    CommitProcessor otherCommits = new CommitProcessor(other, leaseTime::get);
    GcFixture.Job mine = fixture.createRunningJob("shared", 3, leaseTime.get());
    GcFixture.Job theirs = otherFixture.createRunningJob("shared", 3, leaseTime.get());
    assertThat(theirs.tableId()).isEqualTo(mine.tableId());
    assertThat(otherFixture.clusterId()).isNotEqualTo(fixture.clusterId());

    List<String> myKept = new ArrayList<>();
    String myOrphan = loadThreeAttempts(fixture, leases, commits, mine, myKept);
    List<String> theirKept = new ArrayList<>();
    String theirOrphan =
        loadThreeAttempts(otherFixture, otherLeases, otherCommits, theirs, theirKept);
    // An installation that predates cluster ids wrote straight under tables/<id>.
    String legacy = write("wh/tables/" + mine.tableId() + "/" + UUID.randomUUID() + "-0-0.parquet");

    CollectionReport myRun = collector(LATER).collect();
    CollectionReport theirRun =
        new OrphanCollector(other, otherFixture.clusterId(), LATER, GRACE).collect();

    assertThat(myRun.deleted()).isEqualTo(1);
    assertThat(theirRun.deleted()).isEqualTo(1);
    List<String> remaining = keys("wh");
    assertThat(remaining).containsAll(myKept).containsAll(theirKept).contains(legacy);
    assertThat(remaining).doesNotContain(myOrphan, theirOrphan);
  }

  /**
   * One committed attempt (tablet and log), one live and one aborted attempt of {@code job}, under
   * the prefix its cluster hands to workers; adds the keys that must stay to {@code kept} and
   * returns the aborted attempt's tablet.
   */
  private String loadThreeAttempts(
      GcFixture cluster,
      LeaseManager clusterLeases,
      CommitProcessor clusterCommits,
      GcFixture.Job job,
      List<String> kept)
      throws Exception {
    String prefix = cluster.tablePrefix(job.tableId());
    LeaseGrant committed = clusterLeases.acquire("w1").orElseThrow();
    String tablet = write(prefix + "/" + committed.attemptId() + "-0-0.parquet");
    String log = write(prefix + "/_rejected/" + committed.attemptId() + ".log");
    clusterCommits.commit(commitOf(committed, List.of(tablet)));
    LeaseGrant live = clusterLeases.acquire("w2").orElseThrow();
    String liveTablet = write(prefix + "/" + live.attemptId() + "-1-0.parquet");
    LeaseGrant aborted = clusterLeases.acquire("w3").orElseThrow();
    String abortedTablet = write(prefix + "/" + aborted.attemptId() + "-0-0.parquet");
    clusterLeases.abort(
        aborted.taskId(),
        aborted.epoch(),
        aborted.attemptId(),
        TaskFailure.transientFailure("worker gave up"));
    kept.addAll(List.of(tablet, log, liveTablet));
    return abortedTablet;
  }

  @Test
  void onlyOneReplicaCollectsAtATime() throws Exception {
    GcFixture.Job job = fixture.createRunningJob("lock", 1, leaseTime.get());
    String prefix = fixture.tablePrefix(job.tableId());
    LeaseGrant aborted = leases.acquire("w1").orElseThrow();
    String tablet = write(prefix + "/" + aborted.attemptId() + "-0-0.parquet");
    leases.abort(
        aborted.taskId(),
        aborted.epoch(),
        aborted.attemptId(),
        TaskFailure.transientFailure("worker gave up"));

    try (Connection otherReplica = dataSource.getConnection()) {
      otherReplica.setAutoCommit(false);
      try (PreparedStatement lock =
          otherReplica.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
        lock.setLong(1, OrphanCollector.LOCK_KEY);
        lock.execute();
      }
      CollectionReport skipped = collector(LATER).collect();
      assertThat(skipped.ran()).isFalse();
      assertThat(keys(prefix)).containsExactly(tablet);
      otherReplica.rollback();
    }

    CollectionReport ran = collector(LATER).collect();
    assertThat(ran.ran()).isTrue();
    assertThat(ran.deleted()).isEqualTo(1);
    assertThat(keys(prefix)).isEmpty();
  }

  @Test
  void anUnreachableVolumeDoesNotStopTheOthers() throws Exception {
    GcFixture.Job job = fixture.createRunningJob("volumes", 1, leaseTime.get());
    String prefix = fixture.tablePrefix(job.tableId());
    LeaseGrant aborted = leases.acquire("w1").orElseThrow();
    String tablet = write(prefix + "/" + aborted.attemptId() + "-0-0.parquet");
    leases.abort(
        aborted.taskId(),
        aborted.epoch(),
        aborted.attemptId(),
        TaskFailure.transientFailure("worker gave up"));
    // A volume a user created with an endpoint where nothing listens; it sorts first.
    try (Connection c = dataSource.getConnection();
        PreparedStatement insert =
            c.prepareStatement(
                "WITH v AS (INSERT INTO storage_volumes (name, type, locations, properties)"
                    + " VALUES ('a_broken', 'S3', '{s3://nowhere/wh}', ?::jsonb) RETURNING id)"
                    + " INSERT INTO tables (database_id, name, key_model, key_columns,"
                    + " partition_by, distributed_by, buckets, storage_volume_id, create_sql)"
                    + " SELECT (SELECT min(id) FROM databases), 'elsewhere', 'DUPLICATE', '{}',"
                    + " '{}', '{}', 1, v.id, 'CREATE TABLE elsewhere' FROM v")) {
      insert.setString(
          1,
          "{\"aws.s3.endpoint\": \"http://127.0.0.1:"
              + FreePort.find()
              + "\", \"aws.s3.access_key\": \"k\", \"aws.s3.secret_key\": \"s\"}");
      insert.executeUpdate();
    }

    CollectionReport report = collector(LATER).collect();

    assertThat(report.failedVolumes()).isEqualTo(1);
    assertThat(report.deleted()).isEqualTo(1);
    assertThat(keys(prefix)).doesNotContain(tablet);
  }

  private OrphanCollector collector(InstantSource clock) throws Exception {
    return new OrphanCollector(database, fixture.clusterId(), clock, GRACE);
  }

  private String write(String key) {
    store.put(key, ("content of " + key).getBytes(StandardCharsets.UTF_8));
    return key;
  }

  /** Begins a multipart upload of {@code key} and leaves it, as a worker that died mid-file. */
  private String abandonUpload(String key) {
    ObjectUpload upload = store.create(key);
    // More than one part, so the upload is a multipart one and its first part is sent.
    upload.write(new byte[S3Settings.DEFAULT_PART_SIZE + 1]);
    return key;
  }

  private List<String> pendingKeys(String prefix) {
    return store.listPendingUploads(prefix + "/").stream().map(PendingUpload::key).toList();
  }

  private List<String> keys(String prefix) {
    return store.list(prefix + "/").stream().map(ObjectInfo::key).toList();
  }

  private static CommitRequest commitOf(LeaseGrant grant, List<String> keys) {
    List<PartitionProgress> progress = new ArrayList<>();
    for (PartitionStart start : grant.partitions()) {
      progress.add(
          new PartitionProgress(
              start.partition(), start.startOffset(), start.startOffset() + 10, 1));
    }
    List<CommittedFile> files = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      files.add(new CommittedFile(keys.get(i), "", 0, 10, 100, "{}"));
    }
    long rows = 10L * grant.partitions().size();
    return new CommitRequest(
        grant.taskId(),
        grant.epoch(),
        grant.attemptId(),
        progress,
        files,
        new LoadStatistics(rows * 10, rows, rows, 0, 0, 1),
        "",
        false);
  }

  /** The real store, with something happening right after each listing. */
  private record ListingHook(ObjectStore delegate, Runnable afterListing) implements ObjectStore {
    @Override
    public List<ObjectInfo> list(String prefix) {
      List<ObjectInfo> listed = delegate.list(prefix);
      afterListing.run();
      return listed;
    }

    @Override
    public void put(String key, byte[] bytes) {
      delegate.put(key, bytes);
    }

    @Override
    public boolean putIfAbsent(String key, byte[] bytes) {
      return delegate.putIfAbsent(key, bytes);
    }

    @Override
    public ObjectUpload create(String key) {
      return delegate.create(key);
    }

    @Override
    public byte[] get(String key) {
      return delegate.get(key);
    }

    @Override
    public InputStream open(String key) {
      return delegate.open(key);
    }

    @Override
    public byte[] getRange(String key, long offset, int length) {
      return delegate.getRange(key, offset, length);
    }

    @Override
    public Optional<ObjectInfo> stat(String key) {
      return delegate.stat(key);
    }

    @Override
    public List<PendingUpload> listPendingUploads(String prefix) {
      return delegate.listPendingUploads(prefix);
    }

    @Override
    public void abortUpload(PendingUpload upload) {
      delegate.abortUpload(upload);
    }

    @Override
    public void delete(String key) {
      delegate.delete(key);
    }

    @Override
    public void deleteAll(Collection<String> keys) {
      delegate.deleteAll(keys);
    }

    @Override
    public void close() {
      delegate.close();
    }
  }
}
