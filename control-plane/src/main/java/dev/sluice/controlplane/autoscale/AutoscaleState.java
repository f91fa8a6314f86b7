package dev.sluice.controlplane.autoscale;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * The autoscaler's memory between two evaluations.
 *
 * @param desiredWorkers the figure exported to the platform autoscaler
 * @param behindSince since when the load has been behind without a break
 * @param quietSince since when the load has been quiet without a break
 * @param lastScaleOut when workers were last added
 * @param lastChange when the figure last changed in either direction
 */
public record AutoscaleState(
    int desiredWorkers,
    Optional<Instant> behindSince,
    Optional<Instant> quietSince,
    Optional<Instant> lastScaleOut,
    Optional<Instant> lastChange) {

  public AutoscaleState {
    requireNonNull(behindSince, "behindSince is null");
    requireNonNull(quietSince, "quietSince is null");
    requireNonNull(lastScaleOut, "lastScaleOut is null");
    requireNonNull(lastChange, "lastChange is null");
    if (desiredWorkers < 0) {
      throw new IllegalArgumentException("desiredWorkers is negative: " + desiredWorkers);
    }
  }

  public static AutoscaleState initial(int desiredWorkers) {
    return new AutoscaleState(
        desiredWorkers, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }
}
