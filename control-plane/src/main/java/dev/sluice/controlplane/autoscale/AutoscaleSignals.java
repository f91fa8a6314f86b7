package dev.sluice.controlplane.autoscale;

/**
 * What the autoscaler looks at, read from PostgreSQL at one instant.
 *
 * @param runnableTasks tasks that could run now but no worker holds (work is waiting for a slot)
 * @param leasedTasks tasks a worker holds right now
 * @param usefulTasks the most tasks the live jobs could run at once: per job, min(partitions,
 *     desired_concurrent_number, max_routine_load_task_concurrent_num); more workers than this
 *     would sit idle
 * @param maxLagSeconds the largest lag of message time over all partitions of running jobs
 * @param partitionsWithUnknownLag partitions behind in offsets that never loaded a message yet, so
 *     their lag in time is unknown; while any exists the load is never called quiet
 * @param aliveWorkers workers seen recently; the starting point when no state exists yet
 */
public record AutoscaleSignals(
    int runnableTasks,
    int leasedTasks,
    int usefulTasks,
    double maxLagSeconds,
    int partitionsWithUnknownLag,
    int aliveWorkers) {

  public AutoscaleSignals {
    if (runnableTasks < 0
        || leasedTasks < 0
        || usefulTasks < 0
        || partitionsWithUnknownLag < 0
        || aliveWorkers < 0
        || !(maxLagSeconds >= 0)) {
      throw new IllegalArgumentException("autoscale signals must not be negative: " + this);
    }
  }
}
