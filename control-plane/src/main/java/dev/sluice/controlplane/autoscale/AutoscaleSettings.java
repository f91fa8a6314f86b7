package dev.sluice.controlplane.autoscale;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How the autoscaler reacts. Scaling out is quick (a short persistence window, a large step, a
 * short cool-down); scaling in is slow (a long quiet window, one worker at a time, a long cool-down
 * after any change). The gap between {@code scaleOutLag} and {@code scaleInLag} is the hysteresis
 * band in which nothing changes.
 *
 * @param minWorkers never fewer workers than this
 * @param maxWorkers never more workers than this
 * @param tasksPerWorker task slots of one worker ({@code sluice.worker.tasks} of the workers)
 * @param scaleOutLag lag of message time at or above which the load is behind
 * @param scaleInLag lag of message time below which the load is quiet
 * @param scaleOutAfter how long the load must stay behind before a scale-out
 * @param scaleInAfter how long the load must stay quiet before a scale-in
 * @param scaleOutCooldown the least time between two scale-outs (new workers need time to start)
 * @param scaleInCooldown the least time between any change and a scale-in
 * @param scaleOutStep workers added at least per scale-out
 * @param scaleInStep workers removed per scale-in
 */
public record AutoscaleSettings(
    int minWorkers,
    int maxWorkers,
    int tasksPerWorker,
    Duration scaleOutLag,
    Duration scaleInLag,
    Duration scaleOutAfter,
    Duration scaleInAfter,
    Duration scaleOutCooldown,
    Duration scaleInCooldown,
    int scaleOutStep,
    int scaleInStep) {

  public AutoscaleSettings {
    requireNonNull(scaleOutLag, "scaleOutLag is null");
    requireNonNull(scaleInLag, "scaleInLag is null");
    requireNonNull(scaleOutAfter, "scaleOutAfter is null");
    requireNonNull(scaleInAfter, "scaleInAfter is null");
    requireNonNull(scaleOutCooldown, "scaleOutCooldown is null");
    requireNonNull(scaleInCooldown, "scaleInCooldown is null");
    if (minWorkers < 0 || maxWorkers < Math.max(1, minWorkers)) {
      throw new IllegalArgumentException(
          "autoscale workers must satisfy 0 <= min <= max and max >= 1, got min "
              + minWorkers
              + " and max "
              + maxWorkers);
    }
    if (tasksPerWorker < 1 || scaleOutStep < 1 || scaleInStep < 1) {
      throw new IllegalArgumentException(
          "autoscale tasks-per-worker, scale-out-step and scale-in-step must be at least 1");
    }
    if (scaleInLag.compareTo(scaleOutLag) >= 0) {
      throw new IllegalArgumentException(
          "autoscale scale-in-lag ("
              + scaleInLag
              + ") must be below scale-out-lag ("
              + scaleOutLag
              + "), or the two would flap");
    }
  }

  /** The defaults documented in docs/OPERATIONS.md. */
  public static AutoscaleSettings defaults() {
    return new AutoscaleSettings(
        1,
        20,
        1,
        Duration.ofSeconds(60),
        Duration.ofSeconds(10),
        Duration.ofSeconds(30),
        Duration.ofMinutes(5),
        Duration.ofSeconds(60),
        Duration.ofMinutes(5),
        2,
        1);
  }
}
