package dev.sluice.controlplane.ops;

import static java.util.Objects.requireNonNull;

import dev.sluice.controlplane.autoscale.AutoscaleSignals;
import dev.sluice.controlplane.jobs.PartitionLag;
import java.time.Instant;
import java.util.List;

/**
 * What PostgreSQL said at one instant about the live jobs (NEED_SCHEDULE and RUNNING), their tasks
 * and the workers. Every replica reads the same rows, so every replica reports the same figures.
 */
public record OpsSnapshot(
    Instant at,
    List<PartitionRow> partitions,
    List<JobTotals> jobs,
    int runnableTasks,
    int leasedTasks,
    int usefulTasks,
    int aliveWorkers) {

  /** One partition of a live job and its lag. */
  public record PartitionRow(String database, String job, int partition, PartitionLag lag) {
    public PartitionRow {
      requireNonNull(database, "database is null");
      requireNonNull(job, "job is null");
      requireNonNull(lag, "lag is null");
    }
  }

  /** A live job's Statistic totals since it was created. */
  public record JobTotals(
      long jobId,
      String database,
      String job,
      long loadedRows,
      long receivedBytes,
      long errorRows,
      long unselectedRows,
      long committedTasks,
      long abortedTasks) {
    public JobTotals {
      requireNonNull(database, "database is null");
      requireNonNull(job, "job is null");
    }
  }

  public OpsSnapshot {
    requireNonNull(at, "at is null");
    partitions = List.copyOf(requireNonNull(partitions, "partitions is null"));
    jobs = List.copyOf(requireNonNull(jobs, "jobs is null"));
  }

  /** The autoscaler's view of this snapshot. */
  public AutoscaleSignals signals() {
    double maxLag = 0;
    int unknown = 0;
    for (PartitionRow row : partitions) {
      if (row.lag().seconds().isPresent()) {
        maxLag = Math.max(maxLag, row.lag().seconds().getAsDouble());
      } else {
        unknown++;
      }
    }
    return new AutoscaleSignals(
        runnableTasks, leasedTasks, usefulTasks, maxLag, unknown, aliveWorkers);
  }
}
