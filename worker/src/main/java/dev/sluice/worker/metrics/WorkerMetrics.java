package dev.sluice.worker.metrics;

import static java.util.Objects.requireNonNull;

import io.grpc.Status;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.memory.BufferAllocator;

/**
 * The worker's meters. Every method is cheap (a counter add or a timer record) and meant to be
 * called once per batch or per task round, never per record.
 */
@ApplicationScoped
public class WorkerMetrics {
  /** The stages of a task round's data path, in order. */
  public enum Stage {
    /** Polling Kafka. */
    CONSUME,
    /** Record bytes into Arrow vectors. */
    DECODE,
    /** Derived columns, WHERE and partition expressions. */
    TRANSFORM,
    /** Arrow batches into Parquet pages. */
    ENCODE,
    /** Parquet bytes to the object store. */
    UPLOAD,
    /** The commit call to the control plane, retries included. */
    COMMIT;

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** How a commit ended for this worker. */
  public enum CommitOutcome {
    COMMITTED,
    /** Fenced or conflicting: the attempt and its files were dropped. */
    REJECTED,
    /** Shutting down before the answer came; the files were kept. */
    GAVE_UP;

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final MeterRegistry registry;
  private final Map<Stage, Timer> stages = new EnumMap<>(Stage.class);
  private final Counter loadedRows;
  private final Counter errorRows;
  private final Counter unselectedRows;
  private final Counter receivedBytes;
  private final AtomicInteger leasesHeld = new AtomicInteger();

  @Inject
  public WorkerMetrics(MeterRegistry registry) {
    this.registry = requireNonNull(registry, "registry is null");
    for (Stage stage : Stage.values()) {
      stages.put(
          stage,
          Timer.builder("sluice.worker.stage.duration")
              .description("Time spent in each stage of the data path")
              .tag("stage", stage.label())
              .register(registry));
    }
    loadedRows = counter("sluice.worker.loaded.rows", "Rows written to tablets");
    errorRows = counter("sluice.worker.error.rows", "Rows that could not be decoded or converted");
    unselectedRows = counter("sluice.worker.unselected.rows", "Rows removed by WHERE");
    receivedBytes = counter("sluice.worker.received.bytes", "Bytes of Kafka messages consumed");
    Gauge.builder("sluice.worker.leases.held", leasesHeld, AtomicInteger::get)
        .description("Leases this worker holds right now")
        .register(registry);
    Gauge.builder("sluice.worker.heap.used.bytes", Runtime.getRuntime(), WorkerMetrics::heapUsed)
        .description("JVM heap in use")
        .register(registry);
  }

  /** Adds {@code nanos} to the time spent in {@code stage}. */
  public void recordStage(Stage stage, long nanos) {
    stages.get(stage).record(nanos, TimeUnit.NANOSECONDS);
  }

  public void rowsLoaded(long rows) {
    loadedRows.increment(rows);
  }

  public void rowsErrored(long rows) {
    errorRows.increment(rows);
  }

  public void rowsUnselected(long rows) {
    unselectedRows.increment(rows);
  }

  public void bytesReceived(long bytes) {
    receivedBytes.increment(bytes);
  }

  public void leaseStarted() {
    leasesHeld.incrementAndGet();
  }

  public void leaseEnded() {
    leasesHeld.decrementAndGet();
  }

  public void commitFinished(CommitOutcome outcome) {
    Counter.builder("sluice.worker.commits")
        .description("Commit answers, by outcome")
        .tag("outcome", outcome.label())
        .register(registry)
        .increment();
  }

  /** A commit send whose outcome was unknown, so the same commit is sent again. */
  public void commitResent(Status.Code status) {
    Counter.builder("sluice.worker.commit.resends")
        .description("Commit sends with an unknown outcome, sent again, by gRPC status")
        .tag("status", status.name())
        .register(registry)
        .increment();
  }

  /**
   * A task given back to the control plane.
   *
   * @param reason a short fixed label: {@code offset_out_of_range}, {@code worker_shutdown}, {@code
   *     unusable_settings} or {@code worker_error}
   */
  public void taskAborted(String reason) {
    Counter.builder("sluice.worker.aborts")
        .description("Tasks given back to the control plane, by reason")
        .tag("reason", requireNonNull(reason, "reason is null"))
        .register(registry)
        .increment();
  }

  /** Reports the Arrow memory of {@code allocator} (the worker's root) and its limit. */
  public void watchArrowMemory(BufferAllocator allocator) {
    requireNonNull(allocator, "allocator is null");
    Gauge.builder("sluice.worker.arrow.allocated.bytes", allocator, a -> a.getAllocatedMemory())
        .description("Arrow memory allocated by all tasks")
        .strongReference(true)
        .register(registry);
    Gauge.builder("sluice.worker.arrow.limit.bytes", allocator, a -> a.getLimit())
        .description("Arrow memory limit (sluice.worker.memory-limit-bytes)")
        .strongReference(true)
        .register(registry);
  }

  private Counter counter(String name, String description) {
    return Counter.builder(name).description(description).register(registry);
  }

  private static double heapUsed(Runtime runtime) {
    return runtime.totalMemory() - runtime.freeMemory();
  }
}
