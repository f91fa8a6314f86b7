package dev.sluice.worker.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.worker.metrics.WorkerMetrics.CommitOutcome;
import dev.sluice.worker.metrics.WorkerMetrics.Stage;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;

class WorkerMetricsTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final WorkerMetrics metrics = new WorkerMetrics(registry);

  @Test
  void everyStageHasItsOwnTimer() {
    metrics.recordStage(Stage.DECODE, 2_000_000);
    metrics.recordStage(Stage.DECODE, 3_000_000);
    metrics.recordStage(Stage.UPLOAD, 7_000_000);

    Timer decode = registry.get("sluice.worker.stage.duration").tag("stage", "decode").timer();
    assertThat(decode.count()).isEqualTo(2);
    assertThat(decode.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(5.0);
    assertThat(
            registry
                .get("sluice.worker.stage.duration")
                .tag("stage", "upload")
                .timer()
                .totalTime(TimeUnit.MILLISECONDS))
        .isEqualTo(7.0);
    // All six stages exist from the start, so dashboards show zeros rather than gaps.
    assertThat(registry.find("sluice.worker.stage.duration").timers())
        .extracting(t -> t.getId().getTag("stage"))
        .containsExactlyInAnyOrder("consume", "decode", "transform", "encode", "upload", "commit");
  }

  @Test
  void rowsBytesLeasesCommitsAndAborts() {
    metrics.rowsLoaded(90);
    metrics.rowsErrored(4);
    metrics.rowsUnselected(6);
    metrics.bytesReceived(4096);
    metrics.leaseStarted();
    metrics.leaseStarted();
    metrics.leaseEnded();
    metrics.commitFinished(CommitOutcome.COMMITTED);
    metrics.commitFinished(CommitOutcome.REJECTED);
    metrics.commitFinished(CommitOutcome.COMMITTED);
    metrics.taskAborted("worker_error");

    assertThat(registry.get("sluice.worker.loaded.rows").counter().count()).isEqualTo(90);
    assertThat(registry.get("sluice.worker.error.rows").counter().count()).isEqualTo(4);
    assertThat(registry.get("sluice.worker.unselected.rows").counter().count()).isEqualTo(6);
    assertThat(registry.get("sluice.worker.received.bytes").counter().count()).isEqualTo(4096);
    assertThat(registry.get("sluice.worker.leases.held").gauge().value()).isEqualTo(1);
    assertThat(registry.get("sluice.worker.commits").tag("outcome", "committed").counter().count())
        .isEqualTo(2);
    assertThat(registry.get("sluice.worker.commits").tag("outcome", "rejected").counter().count())
        .isEqualTo(1);
    assertThat(registry.get("sluice.worker.aborts").tag("reason", "worker_error").counter().count())
        .isEqualTo(1);
  }

  @Test
  void memoryInUseFollowsTheArrowAllocatorAndTheHeap() {
    try (BufferAllocator root = new RootAllocator(1 << 20)) {
      metrics.watchArrowMemory(root);
      assertThat(registry.get("sluice.worker.arrow.limit.bytes").gauge().value())
          .isEqualTo(1 << 20);
      assertThat(registry.get("sluice.worker.arrow.allocated.bytes").gauge().value()).isZero();
      try (BufferAllocator task = root.newChildAllocator("task", 0, 1 << 20);
          ArrowBuf buffer = task.buffer(64 * 1024)) {
        assertThat(buffer.capacity()).isEqualTo(64 * 1024);
        assertThat(registry.get("sluice.worker.arrow.allocated.bytes").gauge().value())
            .isEqualTo(64 * 1024);
      }
      assertThat(registry.get("sluice.worker.arrow.allocated.bytes").gauge().value()).isZero();
    }
    assertThat(registry.get("sluice.worker.heap.used.bytes").gauge().value()).isPositive();
  }
}
