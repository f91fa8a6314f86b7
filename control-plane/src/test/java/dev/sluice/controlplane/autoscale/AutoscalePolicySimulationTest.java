package dev.sluice.controlplane.autoscale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Drives the autoscale policy through a simulated deployment, one simulated second at a time: a
 * topic whose producers burst, go idle and gain partitions, workers that take a while to start, and
 * tasks planned the way the control plane plans them (one per alive worker, at most one per
 * partition). Everything is deterministic; the noisy phase uses a fixed seed.
 */
class AutoscalePolicySimulationTest {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private static final Duration EVALUATE_EVERY = Duration.ofSeconds(10);
  private static final int WORKER_START_SECONDS = 20;
  private static final long ROWS_PER_WORKER_SECOND = 12_000;

  /** A scale decision seen by the simulation. */
  record Change(long second, int from, int to) {
    boolean out() {
      return to > from;
    }
  }

  /** The simulated world: partitions with queued messages, workers, and the policy. */
  static final class World {
    final AutoscalePolicy policy = new AutoscalePolicy(AutoscaleSettings.defaults());
    final List<Deque<long[]>> partitions = new ArrayList<>(); // chunks of {timestamp s, count}
    final Deque<Long> startingWorkers = new ArrayDeque<>(); // second each becomes alive
    Optional<AutoscaleState> state = Optional.empty();
    int aliveWorkers = 1;
    long second;
    long ratePerPartition;
    final List<Change> changes = new ArrayList<>();
    final List<Integer> desiredBySecond = new ArrayList<>();
    final List<Double> lagBySecond = new ArrayList<>();

    World(int partitionCount) {
      growTo(partitionCount);
    }

    void growTo(int partitionCount) {
      while (partitions.size() < partitionCount) {
        partitions.add(new ArrayDeque<>());
      }
    }

    int desired() {
      return state.map(AutoscaleState::desiredWorkers).orElse(aliveWorkers);
    }

    void run(long seconds) {
      for (long i = 0; i < seconds; i++) {
        tick();
      }
    }

    void tick() {
      for (Deque<long[]> queue : partitions) {
        if (ratePerPartition > 0) {
          queue.addLast(new long[] {second, ratePerPartition});
        }
      }
      // Tasks: one per alive worker, at most one per partition; each drains its partitions.
      int tasks = Math.min(aliveWorkers, partitions.size());
      for (int task = 0; task < tasks; task++) {
        long budget = ROWS_PER_WORKER_SECOND;
        for (int p = task; p < partitions.size() && budget > 0; p += tasks) {
          budget = consume(partitions.get(p), budget);
        }
      }
      if (second % EVALUATE_EVERY.toSeconds() == 0) {
        evaluate(tasks);
      }
      // The platform follows the desired figure: new workers start after a delay, removed ones
      // stop at once.
      int target = desired();
      while (aliveWorkers + startingWorkers.size() < target) {
        startingWorkers.addLast(second + WORKER_START_SECONDS);
      }
      while (!startingWorkers.isEmpty() && aliveWorkers + startingWorkers.size() > target) {
        startingWorkers.removeLast();
      }
      aliveWorkers = Math.min(aliveWorkers, target);
      while (!startingWorkers.isEmpty() && startingWorkers.peekFirst() <= second) {
        startingWorkers.removeFirst();
        aliveWorkers++;
      }
      desiredBySecond.add(desired());
      lagBySecond.add(maxLagSeconds());
      second++;
    }

    private void evaluate(int tasks) {
      int backlogged = 0;
      for (Deque<long[]> queue : partitions) {
        backlogged += queue.isEmpty() ? 0 : 1;
      }
      // A task with nothing to read waits max_batch_interval: not runnable.
      int busyTasks = Math.min(tasks, backlogged);
      int before = desired();
      AutoscaleSignals signals =
          new AutoscaleSignals(0, busyTasks, partitions.size(), maxLagSeconds(), 0, aliveWorkers);
      state = Optional.of(policy.decide(state, signals, START.plusSeconds(second)));
      if (desired() != before) {
        changes.add(new Change(second, before, desired()));
      }
    }

    private static long consume(Deque<long[]> queue, long budget) {
      while (budget > 0 && !queue.isEmpty()) {
        long[] chunk = queue.peekFirst();
        long taken = Math.min(budget, chunk[1]);
        chunk[1] -= taken;
        budget -= taken;
        if (chunk[1] == 0) {
          queue.removeFirst();
        }
      }
      return budget;
    }

    double maxLagSeconds() {
      double lag = 0;
      for (Deque<long[]> queue : partitions) {
        if (!queue.isEmpty()) {
          lag = Math.max(lag, second - queue.peekFirst()[0]);
        }
      }
      return lag;
    }

    List<Change> changesBetween(long from, long to) {
      return changes.stream().filter(c -> c.second() >= from && c.second() < to).toList();
    }
  }

  @Test
  void scalesOutFastOnABurstScalesInSlowlyWhenIdleAndFollowsPartitionGrowth() {
    AutoscaleSettings settings = AutoscaleSettings.defaults();
    World world = new World(4);

    // Steady, light load: one worker keeps up, nothing changes.
    world.ratePerPartition = 500;
    world.run(600);
    assertThat(world.changes).isEmpty();
    assertThat(world.desired()).isEqualTo(1);

    // Burst: 40,000 rows/s over 4 partitions needs 4 workers (12,000 rows/s each); the jobs
    // can use at most 4 (one task per partition).
    long burst = world.second;
    world.ratePerPartition = 10_000;
    world.run(900);
    Change firstOut = world.changesBetween(burst, world.second).get(0);
    assertThat(firstOut.out()).isTrue();
    long reachedFour =
        burst + world.desiredBySecond.subList((int) burst, (int) world.second).indexOf(4);
    assertThat(reachedFour - burst)
        .as("seconds from the burst to 4 workers")
        .isLessThanOrEqualTo(150);
    assertThat(world.desiredBySecond.subList((int) burst, (int) world.second))
        .as("never more workers than partitions")
        .allMatch(d -> d <= 4);
    assertThat(world.lagBySecond.get((int) world.second - 1))
        .as("lag recovered by the end of the burst")
        .isLessThan(settings.scaleOutLag().toSeconds());

    // Idle: back to one worker, one step at a time, each after the quiet window and cool-down.
    long idle = world.second;
    world.ratePerPartition = 0;
    world.run(1_800);
    List<Change> ins = world.changesBetween(idle, world.second);
    assertThat(ins).extracting(Change::to).containsExactly(3, 2, 1);
    assertThat(ins.get(0).second() - idle)
        .as("the first scale-in waits for the quiet window")
        .isGreaterThanOrEqualTo(settings.scaleInAfter().toSeconds());
    for (int i = 1; i < ins.size(); i++) {
      assertThat(ins.get(i).second() - ins.get(i - 1).second())
          .isGreaterThanOrEqualTo(settings.scaleInCooldown().toSeconds());
    }

    // Partition growth: 16 partitions at 6,000 rows/s need 8 workers; the cap moves with them.
    long growth = world.second;
    world.growTo(16);
    world.ratePerPartition = 6_000;
    world.run(1_200);
    List<Integer> afterGrowth = world.desiredBySecond.subList((int) growth, (int) world.second);
    long reachedEight =
        afterGrowth.indexOf(afterGrowth.stream().filter(d -> d >= 8).findFirst().orElseThrow());
    assertThat(reachedEight).as("seconds from the growth to 8 workers").isLessThanOrEqualTo(300);
    // Catching up the backlog may take more than 8 workers; the surplus then goes slowly.
    List<Change> growthChanges = world.changesBetween(growth, world.second);
    int firstIn =
        growthChanges.indexOf(
            growthChanges.stream().filter(c -> !c.out()).findFirst().orElse(null));
    if (firstIn >= 0) {
      assertThat(growthChanges.subList(firstIn, growthChanges.size())).noneMatch(Change::out);
    }
    assertThat(world.desired()).isBetween(8, 16);
    assertThat(world.lagBySecond.get((int) world.second - 1))
        .isLessThan(settings.scaleOutLag().toSeconds());

    assertNoFlapping(world.changes, settings);
  }

  @Test
  void aLoadOscillatingAroundCapacityDoesNotFlap() {
    long seed = 20260101L;
    Random random = new Random(seed);
    AutoscaleSettings settings = AutoscaleSettings.defaults();
    World world = new World(8);
    world.ratePerPartition = 3_000;
    world.run(600);
    int settled = world.desired();
    long noisy = world.second;
    // Every 20 s the rate jumps between 40% and 160% of what the settled workers handle.
    for (int phase = 0; phase < 180; phase++) {
      double factor = random.nextBoolean() ? 0.4 : 1.6;
      world.ratePerPartition =
          (long) (factor * settled * ROWS_PER_WORKER_SECOND / world.partitions.size());
      world.run(20);
    }
    List<Change> changes = world.changesBetween(noisy, world.second);
    assertThat(changes.size()).as("changes during an hour of noise, seed " + seed).isLessThan(8);
    assertNoFlapping(world.changes, settings);
  }

  @Test
  void idleDeploymentStaysAtTheMinimumAndAJobAppearingScalesOut() {
    World world = new World(0);
    world.run(900);
    assertThat(world.changes).isEmpty();
    assertThat(world.desired()).isEqualTo(AutoscaleSettings.defaults().minWorkers());
    world.growTo(6);
    world.ratePerPartition = 8_000;
    long created = world.second;
    world.run(600);
    assertThat(world.changesBetween(created, world.second)).isNotEmpty().allMatch(Change::out);
    assertThat(world.desired()).isGreaterThanOrEqualTo(4);
  }

  @Test
  void decisionsFollowTheRules() {
    AutoscaleSettings settings = AutoscaleSettings.defaults();
    AutoscalePolicy policy = new AutoscalePolicy(settings);
    AutoscaleSignals waiting = new AutoscaleSignals(3, 2, 10, 5, 0, 2);

    AutoscaleState first = policy.decide(Optional.empty(), waiting, START);
    assertThat(first.desiredWorkers()).as("starts from the alive workers").isEqualTo(2);
    assertThat(first.behindSince()).contains(START);

    AutoscaleState notYet = policy.decide(Optional.of(first), waiting, START.plusSeconds(29));
    assertThat(notYet.desiredWorkers()).isEqualTo(2);
    AutoscaleState out = policy.decide(Optional.of(notYet), waiting, START.plusSeconds(30));
    assertThat(out.desiredWorkers()).as("2 leased + 3 waiting tasks").isEqualTo(5);
    assertThat(out.lastScaleOut()).contains(START.plusSeconds(30));

    // Inside the hysteresis band (lag between scale-in and scale-out lag) both timers reset.
    AutoscaleSignals band = new AutoscaleSignals(0, 1, 10, 30, 0, 5);
    AutoscaleState steady = policy.decide(Optional.of(out), band, START.plusSeconds(40));
    assertThat(steady.behindSince()).isEmpty();
    assertThat(steady.quietSince()).isEmpty();
    assertThat(steady.desiredWorkers()).isEqualTo(5);

    // A partition never loaded yet with a backlog keeps the load from being called quiet.
    AutoscaleSignals unknown = new AutoscaleSignals(0, 1, 10, 0, 1, 5);
    assertThat(policy.decide(Optional.of(steady), unknown, START.plusSeconds(50)).quietSince())
        .isEmpty();

    // More workers than the jobs can use: the surplus goes after the quiet window, in one step.
    AutoscaleSignals fewPartitions = new AutoscaleSignals(0, 2, 2, 100, 0, 5);
    AutoscaleState surplus =
        policy.decide(Optional.of(steady), fewPartitions, START.plusSeconds(60));
    AutoscaleState later =
        policy.decide(
            Optional.of(surplus),
            fewPartitions,
            START.plusSeconds(60).plus(settings.scaleInAfter()));
    assertThat(later.desiredWorkers()).isEqualTo(2);
  }

  @Test
  void settingsRejectAnEmptyHysteresisBand() {
    assertThatThrownBy(
            () ->
                new AutoscaleSettings(
                    1,
                    10,
                    1,
                    Duration.ofSeconds(10),
                    Duration.ofSeconds(10),
                    Duration.ZERO,
                    Duration.ZERO,
                    Duration.ZERO,
                    Duration.ZERO,
                    1,
                    1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be below scale-out-lag");
    assertThatThrownBy(
            () ->
                new AutoscaleSettings(
                    5,
                    2,
                    1,
                    Duration.ofSeconds(60),
                    Duration.ofSeconds(10),
                    Duration.ZERO,
                    Duration.ZERO,
                    Duration.ZERO,
                    Duration.ZERO,
                    1,
                    1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("got min 5 and max 2");
  }

  /** An opposite move never follows a change sooner than the scale-in cool-down. */
  private static void assertNoFlapping(List<Change> changes, AutoscaleSettings settings) {
    for (int i = 1; i < changes.size(); i++) {
      Change previous = changes.get(i - 1);
      Change current = changes.get(i);
      if (!current.out()) {
        assertThat(current.second() - previous.second())
            .as("scale-in at %d s after a change at %d s", current.second(), previous.second())
            .isGreaterThanOrEqualTo(settings.scaleInCooldown().toSeconds());
      } else if (previous.out()) {
        assertThat(current.second() - previous.second())
            .isGreaterThanOrEqualTo(settings.scaleOutCooldown().toSeconds());
      }
    }
  }
}
