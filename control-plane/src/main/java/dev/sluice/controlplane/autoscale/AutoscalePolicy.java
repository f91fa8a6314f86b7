package dev.sluice.controlplane.autoscale;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Turns signals into a desired worker count. Pure and deterministic: the same state, signals and
 * time always give the same answer, which is what lets a simulation test drive it.
 *
 * <p>Like Druid's lag-based autoscaler, a change needs a condition that holds for a while, not a
 * single sample, and is followed by a cool-down. Unlike Druid it also looks at runnable tasks
 * waiting for a slot, because Routine Load's task count follows the alive workers: more workers
 * means more tasks only up to each job's partitions and concurrency settings, so the figure never
 * exceeds the tasks the jobs could use.
 *
 * <ul>
 *   <li><b>Behind</b>: tasks wait for a slot, or the lag of message time reached {@code
 *       scaleOutLag}, and more workers would get work. After {@code scaleOutAfter} of being behind
 *       (and {@code scaleOutCooldown} since the last scale-out) the figure jumps to what the leased
 *       and waiting tasks need, at least {@code scaleOutStep} more.
 *   <li><b>Quiet</b>: no task waits, the lag is below {@code scaleInLag} (and known everywhere),
 *       and one worker fewer could still hold every leased task; or there are more workers than the
 *       jobs could use. After {@code scaleInAfter} of quiet (and {@code scaleInCooldown} since any
 *       change) one step goes, or the surplus above what the jobs can use.
 *   <li>Anything else is the hysteresis band: both timers restart and nothing changes.
 * </ul>
 */
public final class AutoscalePolicy {
  private final AutoscaleSettings settings;

  public AutoscalePolicy(AutoscaleSettings settings) {
    this.settings = requireNonNull(settings, "settings is null");
  }

  public AutoscaleSettings settings() {
    return settings;
  }

  /** The next state; {@code previous} is empty the first time the autoscaler ever runs. */
  public AutoscaleState decide(
      Optional<AutoscaleState> previous, AutoscaleSignals signals, Instant now) {
    requireNonNull(previous, "previous is null");
    requireNonNull(signals, "signals is null");
    requireNonNull(now, "now is null");
    AutoscaleState state =
        previous.orElseGet(() -> AutoscaleState.initial(clamp(signals.aliveWorkers())));
    int desired = clamp(state.desiredWorkers());
    int useful = clamp(ceilDiv(signals.usefulTasks(), settings.tasksPerWorker()));

    boolean behind =
        desired < useful
            && (signals.runnableTasks() > 0
                || signals.maxLagSeconds() >= seconds(settings.scaleOutLag()));
    boolean quiet =
        desired > settings.minWorkers()
            && (desired > useful
                || (signals.runnableTasks() == 0
                    && signals.partitionsWithUnknownLag() == 0
                    && signals.maxLagSeconds() < seconds(settings.scaleInLag())
                    && signals.leasedTasks()
                        <= (long) (desired - settings.scaleInStep()) * settings.tasksPerWorker()));

    Optional<Instant> behindSince =
        behind ? Optional.of(state.behindSince().orElse(now)) : Optional.empty();
    Optional<Instant> quietSince =
        quiet ? Optional.of(state.quietSince().orElse(now)) : Optional.empty();

    if (behind
        && lasted(behindSince, settings.scaleOutAfter(), now)
        && !within(state.lastScaleOut(), settings.scaleOutCooldown(), now)) {
      int needed =
          ceilDiv(signals.leasedTasks() + signals.runnableTasks(), settings.tasksPerWorker());
      int target = Math.min(useful, Math.max(desired + settings.scaleOutStep(), needed));
      return new AutoscaleState(
          target, Optional.of(now), Optional.empty(), Optional.of(now), Optional.of(now));
    }
    if (quiet
        && lasted(quietSince, settings.scaleInAfter(), now)
        && !within(state.lastChange(), settings.scaleInCooldown(), now)) {
      int target =
          desired > useful
              ? useful
              : Math.max(settings.minWorkers(), desired - settings.scaleInStep());
      return new AutoscaleState(
          target, Optional.empty(), Optional.of(now), state.lastScaleOut(), Optional.of(now));
    }
    return new AutoscaleState(
        desired, behindSince, quietSince, state.lastScaleOut(), state.lastChange());
  }

  private int clamp(int workers) {
    return Math.max(settings.minWorkers(), Math.min(settings.maxWorkers(), workers));
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }

  private static double seconds(Duration duration) {
    return duration.toMillis() / 1000.0;
  }

  private static boolean lasted(Optional<Instant> since, Duration length, Instant now) {
    return since.isPresent() && !since.get().plus(length).isAfter(now);
  }

  private static boolean within(Optional<Instant> last, Duration cooldown, Instant now) {
    return last.isPresent() && last.get().plus(cooldown).isAfter(now);
  }
}
