package dev.sluice.controlplane.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.controlplane.jobs.PartitionLag;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class ControlPlaneMetricsTest {
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ControlPlaneMetrics metrics = new ControlPlaneMetrics(registry);

  private static OpsSnapshot snapshot(List<OpsSnapshot.JobTotals> jobs) {
    return new OpsSnapshot(
        NOW,
        List.of(
            new OpsSnapshot.PartitionRow(
                "shop", "clicks", 0, new PartitionLag(60, OptionalDouble.of(12.5))),
            new OpsSnapshot.PartitionRow(
                "shop", "clicks", 1, new PartitionLag(7, OptionalDouble.empty()))),
        jobs,
        3,
        2,
        4,
        2);
  }

  private static OpsSnapshot.JobTotals totals(long loaded) {
    return new OpsSnapshot.JobTotals(1, "shop", "clicks", loaded, 2048, 3, 4, 5, 1);
  }

  @Test
  void lagIsAGaugePerPartitionAndUnknownTimeLagIsLeftOut() {
    metrics.update(snapshot(List.of(totals(100))));

    assertThat(
            registry
                .get("sluice.job.partition.lag.offsets")
                .tags("database", "shop", "job", "clicks", "partition", "1")
                .gauge()
                .value())
        .isEqualTo(7);
    assertThat(
            registry
                .get("sluice.job.partition.lag.seconds")
                .tags("database", "shop", "job", "clicks", "partition", "0")
                .gauge()
                .value())
        .isEqualTo(12.5);
    assertThat(registry.find("sluice.job.partition.lag.seconds").tag("partition", "1").gauge())
        .isNull();
    assertThat(registry.get("sluice.tasks.runnable").gauge().value()).isEqualTo(3);
    assertThat(registry.get("sluice.leases.held").gauge().value()).isEqualTo(2);
    assertThat(registry.get("sluice.workers.alive").gauge().value()).isEqualTo(2);
  }

  @Test
  void jobTotalsFollowTheDatabaseAndGoAwayWithTheJob() {
    metrics.update(snapshot(List.of(totals(100))));
    FunctionCounter loaded =
        registry
            .get("sluice.job.loaded.rows")
            .tags("database", "shop", "job", "clicks")
            .functionCounter();
    assertThat(loaded.count()).isEqualTo(100);
    metrics.update(snapshot(List.of(totals(250))));
    assertThat(loaded.count()).isEqualTo(250);
    assertThat(registry.get("sluice.job.received.bytes").functionCounter().count()).isEqualTo(2048);
    assertThat(registry.get("sluice.job.error.rows").functionCounter().count()).isEqualTo(3);
    assertThat(registry.get("sluice.job.unselected.rows").functionCounter().count()).isEqualTo(4);

    metrics.update(snapshot(List.of()));
    assertThat(registry.find("sluice.job.loaded.rows").functionCounter()).isNull();
  }

  @Test
  void commitsAreCountedAndTimedByOutcomeAndAbortsByReason() {
    metrics.recordCommit("committed", Duration.ofMillis(30));
    metrics.recordCommit("committed", Duration.ofMillis(3));
    metrics.recordCommit("lease_lost", Duration.ofMillis(2));
    metrics.recordAbort(AbortReason.classify(false, false, "worker error: boom"));
    metrics.recordAbort(AbortReason.classify(true, false, "offset out of range"));
    metrics.recordAbort(AbortReason.classify(false, false, "worker shutting down"));
    metrics.desiredWorkers(7);

    assertThat(registry.get("sluice.commits").tag("outcome", "committed").counter().count())
        .isEqualTo(2);
    assertThat(registry.get("sluice.commits").tag("outcome", "lease_lost").counter().count())
        .isEqualTo(1);
    Timer timer = registry.get("sluice.commit.duration").tag("outcome", "committed").timer();
    assertThat(timer.count()).isEqualTo(2);
    CountAtBucket[] buckets = timer.takeSnapshot().histogramCounts();
    assertThat(buckets).hasSize(ControlPlaneMetrics.COMMIT_BUCKETS.length);
    assertThat(buckets[0].count()).as("3 ms is in the 5 ms bucket").isEqualTo(1);
    assertThat(buckets[3].count()).as("30 ms is in the 50 ms bucket").isEqualTo(2);
    assertThat(registry.get("sluice.task.aborts").tag("reason", "worker_error").counter().count())
        .isEqualTo(1);
    assertThat(
            registry
                .get("sluice.task.aborts")
                .tag("reason", "offset_out_of_range")
                .counter()
                .count())
        .isEqualTo(1);
    assertThat(
            registry.get("sluice.task.aborts").tag("reason", "worker_shutdown").counter().count())
        .isEqualTo(1);
    assertThat(registry.get("sluice.autoscale.desired.workers").gauge().value()).isEqualTo(7);
  }
}
