package dev.sluice.controlplane.ops;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToLongFunction;

/**
 * The control plane's Prometheus meters; names and labels are listed in docs/OPERATIONS.md.
 *
 * <p>Two kinds: figures read from PostgreSQL by {@link #update} (lag, job totals, tasks, leases,
 * workers: the same on every replica, so aggregate them with {@code max}), and events this replica
 * served (commits, aborts, commit latency: aggregate with {@code sum}).
 */
public final class ControlPlaneMetrics {
  /** Upper bounds of the commit latency histogram's buckets. */
  static final Duration[] COMMIT_BUCKETS = {
    Duration.ofMillis(5),
    Duration.ofMillis(10),
    Duration.ofMillis(25),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofMillis(2500),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10)
  };

  private final MeterRegistry registry;
  private final MultiGauge lagOffsets;
  private final MultiGauge lagSeconds;
  private final AtomicInteger runnableTasks = new AtomicInteger();
  private final AtomicInteger leasedTasks = new AtomicInteger();
  private final AtomicInteger aliveWorkers = new AtomicInteger();
  private final AtomicInteger desiredWorkers = new AtomicInteger();
  private final Map<Long, JobMeters> jobs = new HashMap<>();
  private final Map<String, Timer> commitTimers = new ConcurrentHashMap<>();

  /** The meters of one job, reading the latest totals. */
  private record JobMeters(AtomicReference<OpsSnapshot.JobTotals> totals, List<Meter> meters) {}

  public ControlPlaneMetrics(MeterRegistry registry) {
    this.registry = requireNonNull(registry, "registry is null");
    lagOffsets =
        MultiGauge.builder("sluice.job.partition.lag.offsets")
            .description("Kafka end offset minus the next offset to load, per partition")
            .register(registry);
    lagSeconds =
        MultiGauge.builder("sluice.job.partition.lag.seconds")
            .description(
                "Age of the last loaded message while the partition is behind, 0 when caught up")
            .register(registry);
    Gauge.builder("sluice.tasks.runnable", runnableTasks, AtomicInteger::get)
        .description("Tasks that could run now but no worker holds")
        .register(registry);
    Gauge.builder("sluice.leases.held", leasedTasks, AtomicInteger::get)
        .description("Tasks leased by a worker right now")
        .register(registry);
    Gauge.builder("sluice.workers.alive", aliveWorkers, AtomicInteger::get)
        .description("Workers seen within sluice.worker.alive-window")
        .register(registry);
    Gauge.builder("sluice.autoscale.desired.workers", desiredWorkers, AtomicInteger::get)
        .description("The worker count the autoscale policy asks for")
        .register(registry);
  }

  /** Replaces every figure read from PostgreSQL with the snapshot's. */
  public synchronized void update(OpsSnapshot snapshot) {
    requireNonNull(snapshot, "snapshot is null");
    List<MultiGauge.Row<?>> offsets = new ArrayList<>();
    List<MultiGauge.Row<?>> seconds = new ArrayList<>();
    for (OpsSnapshot.PartitionRow row : snapshot.partitions()) {
      Tags tags =
          Tags.of(
              "database",
              row.database(),
              "job",
              row.job(),
              "partition",
              Integer.toString(row.partition()));
      offsets.add(MultiGauge.Row.of(tags, row.lag().offsets()));
      row.lag().seconds().ifPresent(lag -> seconds.add(MultiGauge.Row.of(tags, lag)));
    }
    lagOffsets.register(offsets, true);
    lagSeconds.register(seconds, true);
    updateJobs(snapshot.jobs());
    runnableTasks.set(snapshot.runnableTasks());
    leasedTasks.set(snapshot.leasedTasks());
    aliveWorkers.set(snapshot.aliveWorkers());
  }

  public void desiredWorkers(int workers) {
    desiredWorkers.set(workers);
  }

  /**
   * One commit this replica answered.
   *
   * @param outcome {@code committed}, {@code already_committed}, or the lower-case error code
   */
  public void recordCommit(String outcome, Duration latency) {
    requireNonNull(outcome, "outcome is null");
    requireNonNull(latency, "latency is null");
    commitTimers
        .computeIfAbsent(
            outcome,
            o ->
                Timer.builder("sluice.commit.duration")
                    .description("Time to apply a worker's commit in PostgreSQL, by outcome")
                    .tag("outcome", o)
                    .serviceLevelObjectives(COMMIT_BUCKETS)
                    .register(registry))
        .record(latency);
    Counter.builder("sluice.commits")
        .description("Commits answered by this replica, by outcome")
        .tag("outcome", outcome)
        .register(registry)
        .increment();
  }

  /** One abort this replica answered, by {@link AbortReason}. */
  public void recordAbort(AbortReason reason) {
    requireNonNull(reason, "reason is null");
    Counter.builder("sluice.task.aborts")
        .description("Task attempts given back by workers, by reason")
        .tag("reason", reason.label())
        .register(registry)
        .increment();
  }

  private void updateJobs(List<OpsSnapshot.JobTotals> current) {
    Set<Long> live = new HashSet<>();
    for (OpsSnapshot.JobTotals totals : current) {
      live.add(totals.jobId());
      JobMeters meters = jobs.get(totals.jobId());
      if (meters == null) {
        jobs.put(totals.jobId(), register(totals));
      } else {
        meters.totals().set(totals);
      }
    }
    jobs.entrySet()
        .removeIf(
            entry -> {
              if (live.contains(entry.getKey())) {
                return false;
              }
              entry.getValue().meters().forEach(registry::remove);
              return true;
            });
  }

  private JobMeters register(OpsSnapshot.JobTotals totals) {
    AtomicReference<OpsSnapshot.JobTotals> holder = new AtomicReference<>(totals);
    Tags tags = Tags.of("database", totals.database(), "job", totals.job());
    List<Meter> meters = new ArrayList<>();
    meters.add(
        counter(
            "sluice.job.loaded.rows",
            "Rows loaded",
            tags,
            holder,
            OpsSnapshot.JobTotals::loadedRows));
    meters.add(
        counter(
            "sluice.job.received.bytes",
            "Bytes of Kafka messages consumed",
            tags,
            holder,
            OpsSnapshot.JobTotals::receivedBytes));
    meters.add(
        counter(
            "sluice.job.error.rows",
            "Rows that could not be decoded or converted",
            tags,
            holder,
            OpsSnapshot.JobTotals::errorRows));
    meters.add(
        counter(
            "sluice.job.unselected.rows",
            "Rows removed by WHERE",
            tags,
            holder,
            OpsSnapshot.JobTotals::unselectedRows));
    meters.add(
        counter(
            "sluice.job.committed.tasks",
            "Task rounds committed",
            tags,
            holder,
            OpsSnapshot.JobTotals::committedTasks));
    meters.add(
        counter(
            "sluice.job.aborted.tasks",
            "Task rounds aborted",
            tags,
            holder,
            OpsSnapshot.JobTotals::abortedTasks));
    return new JobMeters(holder, meters);
  }

  private FunctionCounter counter(
      String name,
      String description,
      Tags tags,
      AtomicReference<OpsSnapshot.JobTotals> holder,
      ToLongFunction<OpsSnapshot.JobTotals> value) {
    return FunctionCounter.builder(name, holder, h -> value.applyAsLong(h.get()))
        .description(description)
        .tags(tags)
        .register(registry);
  }
}
