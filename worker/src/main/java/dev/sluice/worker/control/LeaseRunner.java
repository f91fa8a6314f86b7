package dev.sluice.worker.control;

import static java.util.Objects.requireNonNull;

import dev.sluice.api.lease.AbortRequest;
import dev.sluice.api.lease.HeartbeatResponse;
import dev.sluice.api.lease.Lease;
import dev.sluice.api.lease.TaskStatistics;
import dev.sluice.storage.objectstore.ObjectStore;
import dev.sluice.worker.metrics.WorkerMetrics;
import dev.sluice.worker.task.ObjectStores;
import dev.sluice.worker.task.TaskRound;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jboss.logging.MDC;

/**
 * Runs one lease from start to answer: keeps it alive with heartbeats, runs the round, then commits
 * — or, when the round failed or the lease was lost, drops the attempt's files and gives the task
 * back. Files are deleted only when the control plane has definitely not committed them.
 */
public final class LeaseRunner {
  private static final Logger LOG = Logger.getLogger(LeaseRunner.class.getName());

  private final LeaseClient client;
  private final ObjectStores stores;
  private final BufferAllocator allocator;
  private final ScheduledExecutorService heartbeats;
  private final BooleanSupplier workerRunning;
  private final WorkerMetrics metrics;
  private final FaultPoints faultPoints = FaultPoints.fromSystemProperties();

  public LeaseRunner(
      LeaseClient client,
      ObjectStores stores,
      BufferAllocator allocator,
      ScheduledExecutorService heartbeats,
      BooleanSupplier workerRunning,
      WorkerMetrics metrics) {
    this.client = requireNonNull(client, "client is null");
    this.stores = requireNonNull(stores, "stores is null");
    this.allocator = requireNonNull(allocator, "allocator is null");
    this.heartbeats = requireNonNull(heartbeats, "heartbeats is null");
    this.workerRunning = requireNonNull(workerRunning, "workerRunning is null");
    this.metrics = requireNonNull(metrics, "metrics is null");
  }

  public void run(Lease lease) {
    metrics.leaseStarted();
    // Every log line of this lease carries its job, task and attempt.
    MDC.put("job", lease.getJobName());
    MDC.put("task", lease.getTaskId());
    MDC.put("attempt", lease.getAttemptId());
    AtomicBoolean leaseHeld = new AtomicBoolean(true);
    ScheduledFuture<?> heartbeat = scheduleHeartbeats(lease, leaseHeld);
    ObjectStore store = stores.forLocation(lease.getStorage());
    BooleanSupplier keepRunning = () -> leaseHeld.get() && workerRunning.getAsBoolean();
    try (KafkaConsumer<byte[], byte[]> consumer = newConsumer(lease);
        BufferAllocator taskMemory =
            allocator.newChildAllocator("task-" + lease.getTaskId(), 0, allocator.getLimit())) {
      TaskRound.Outcome outcome =
          new TaskRound(lease, store, taskMemory, consumer, keepRunning, metrics).run();
      if (outcome instanceof TaskRound.Completed completed) {
        finishCommit(lease, completed, store);
      } else if (outcome instanceof TaskRound.OffsetOutOfRange outOfRange) {
        deleteQuietly(store, outOfRange.writtenKeys());
        metrics.taskAborted("offset_out_of_range");
        client.abort(
            abortOf(lease, "offset out of range")
                .setOffsetOutOfRange(
                    dev.sluice.api.lease.OffsetOutOfRange.newBuilder()
                        .setPartition(outOfRange.partition())
                        .setOffset(outOfRange.offset()))
                .build());
      }
    } catch (TaskRound.Cancelled e) {
      LOG.info("task " + lease.getTaskId() + " stopped: " + e.getMessage());
      if (leaseHeld.get()) {
        // The worker is shutting down: give the task back now rather than after the lease expires.
        metrics.taskAborted("worker_shutdown");
        client.abort(abortOf(lease, "worker shutting down").build());
      }
    } catch (TaskRound.UnusableSettings e) {
      // A user's setting, not a bug: the message is the reason the job pauses with, no stack trace.
      LOG.warning("task " + lease.getTaskId() + " cannot run: " + e.getMessage());
      metrics.taskAborted("unusable_settings");
      client.abort(abortOf(lease, e.getMessage()).setDeterministic(true).build());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "task " + lease.getTaskId() + " failed; giving it back", e);
      metrics.taskAborted("worker_error");
      client.abort(abortOf(lease, "worker error: " + e.getMessage()).build());
    } finally {
      heartbeat.cancel(false);
      metrics.leaseEnded();
      MDC.remove("job");
      MDC.remove("task");
      MDC.remove("attempt");
    }
  }

  private void finishCommit(Lease lease, TaskRound.Completed completed, ObjectStore store) {
    faultPoints.reach(FaultPoints.Point.HALT_BEFORE_COMMIT);
    long started = System.nanoTime();
    LeaseClient.CommitOutcome answer = client.commit(completed.commit(), workerRunning);
    metrics.recordStage(WorkerMetrics.Stage.COMMIT, System.nanoTime() - started);
    if (answer instanceof LeaseClient.Committed) {
      faultPoints.reach(FaultPoints.Point.HALT_AFTER_COMMIT);
    }
    if (answer instanceof LeaseClient.Rejected rejected) {
      metrics.commitFinished(WorkerMetrics.CommitOutcome.REJECTED);
      if (rejected.earlierSendUnknown()) {
        // An earlier send may have been applied by a replica whose answer never arrived; the
        // orphan collector deletes the files only if the manifest does not name them.
        LOG.warning(
            "commit of attempt "
                + lease.getAttemptId()
                + " rejected ("
                + rejected.status()
                + ") after a send with an unknown outcome; its files are kept");
      } else {
        LOG.info(
            "commit of attempt " + lease.getAttemptId() + " rejected (" + rejected.status() + ")");
        deleteQuietly(store, completed.writtenKeys());
      }
    } else if (answer instanceof LeaseClient.GaveUp gaveUp) {
      metrics.commitFinished(WorkerMetrics.CommitOutcome.GAVE_UP);
      // The commit may have landed: its files must stay; the garbage collector decides later.
      LOG.warning(
          "shutting down before commit of attempt "
              + lease.getAttemptId()
              + " was answered ("
              + gaveUp.lastStatus()
              + "); its files are kept");
    } else {
      metrics.commitFinished(WorkerMetrics.CommitOutcome.COMMITTED);
      // Counted once the rows are in the table, so the worker's and the control plane's totals
      // agree; the task package times the stages.
      TaskStatistics stats = completed.commit().getStatistics();
      LOG.info(
          "committed: loadedRows="
              + stats.getLoadedRows()
              + " errorRows="
              + stats.getErrorRows()
              + " receivedBytes="
              + stats.getReceivedBytes()
              + " files="
              + completed.commit().getFilesCount()
              + " taskExecuteTimeMs="
              + stats.getTaskExecuteTimeMs()
              + " drained="
              + completed.commit().getDrained());
      metrics.rowsLoaded(stats.getLoadedRows());
      metrics.rowsErrored(stats.getErrorRows());
      metrics.rowsUnselected(stats.getUnselectedRows());
      metrics.bytesReceived(stats.getReceivedBytes());
    }
  }

  private ScheduledFuture<?> scheduleHeartbeats(Lease lease, AtomicBoolean leaseHeld) {
    long periodMs = Math.max(200, lease.getLeaseDurationMs() / 3);
    // Each lease beats on its own schedule; a call never outlives its period, so a hung call
    // cannot hold up the next beat, and with one thread per slot never another lease's beat.
    Duration deadline = Duration.ofMillis(periodMs);
    return heartbeats.scheduleAtFixedRate(
        () -> {
          try {
            HeartbeatResponse answer =
                client.heartbeat(lease.getTaskId(), lease.getLeaseEpoch(), deadline);
            if (!answer.getKeepRunning()) {
              leaseHeld.set(false);
            }
          } catch (StatusRuntimeException e) {
            // Unreachable control plane: keep working; the commit decides in the end.
            LOG.fine("heartbeat not answered: " + e.getStatus());
          }
        },
        periodMs,
        periodMs,
        TimeUnit.MILLISECONDS);
  }

  private static KafkaConsumer<byte[], byte[]> newConsumer(Lease lease) {
    return new KafkaConsumer<>(
        consumerProperties(lease), new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  /** The consumer's settings for a lease; the native-image registrations are checked on them. */
  static Map<String, Object> consumerProperties(Lease lease) {
    Map<String, Object> properties = new HashMap<>();
    // Read committed by default, so aborted transactions never load; property.* may override.
    properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 4096);
    properties.putAll(lease.getSource().getConsumerPropertiesMap());
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, lease.getSource().getBrokerList());
    // Offsets come from the lease only: no group, no auto commit, and no silent reset.
    properties.remove(ConsumerConfig.GROUP_ID_CONFIG);
    properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
    properties.put(
        ConsumerConfig.CLIENT_ID_CONFIG, "sluice-" + lease.getJobName() + "-" + lease.getTaskId());
    return properties;
  }

  private static AbortRequest.Builder abortOf(Lease lease, String reason) {
    return AbortRequest.newBuilder()
        .setTaskId(lease.getTaskId())
        .setLeaseEpoch(lease.getLeaseEpoch())
        .setAttemptId(lease.getAttemptId())
        .setReason(reason);
  }

  private static void deleteQuietly(ObjectStore store, List<String> keys) {
    try {
      store.deleteAll(keys);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "could not delete files of a dropped attempt; GC will", e);
    }
  }

  static Duration idle(long retryAfterMs) {
    return Duration.ofMillis(Math.max(50, Math.min(retryAfterMs, 5_000)));
  }
}
