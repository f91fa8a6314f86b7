package dev.sluice.worker.task;

import static java.util.Objects.requireNonNull;

import dev.sluice.api.lease.Column;
import dev.sluice.api.lease.CommitRequest;
import dev.sluice.api.lease.DataFile;
import dev.sluice.api.lease.Lease;
import dev.sluice.api.lease.PartitionProgress;
import dev.sluice.api.lease.PartitionStart;
import dev.sluice.api.lease.TableSchema;
import dev.sluice.api.lease.TaskStatistics;
import dev.sluice.expr.ExpressionException;
import dev.sluice.storage.objectstore.ObjectStore;
import dev.sluice.storage.tablet.TabletWriterOptions;
import dev.sluice.worker.decode.RecordDecoder;
import dev.sluice.worker.metrics.WorkerMetrics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * One round of one task: reads the leased partitions from the leased offsets until a limit
 * (max_batch_rows, max_batch_size, task_consume_second) or the end of every partition, decodes the
 * records into Arrow batches, writes them as tablets, and returns the commit to send. It never
 * commits by itself and never touches Kafka's committed offsets: the lease is the only truth.
 */
public final class TaskRound {
  static final int BATCH_ROWS = 4096;
  static final long TARGET_FILE_BYTES = 128L * 1024 * 1024;

  /**
   * A round ends at the next poll boundary once it has opened this many tablets, and commits what
   * it has, so that its files (each one row group of memory while open, each one entry of the
   * commit) stay bounded however many partitions and buckets the records fall into. The tablets
   * opened by the rows in flight (the batches being encoded, the rest of the poll) may exceed it.
   */
  static final int MAX_TABLETS_PER_ROUND = 1024;

  // Bytes of the commit that a round's files may take, half the 16 MiB gRPC limit: each file
  // carries its key, partition path (at most 256 bytes) and, per column, the name and two bounds
  // of at most 64 bytes (strings keep 16 code points; the longest other text is a DECIMAL's).
  static final long COMMIT_FILES_BUDGET = 8L * 1024 * 1024;
  private static final int FILE_OVERHEAD_BYTES = 512;
  private static final int COLUMN_OVERHEAD_BYTES = 2 * 64 + 16;

  private static final Duration POLL = Duration.ofMillis(100);

  /** How a round ended. */
  public sealed interface Outcome permits Completed, OffsetOutOfRange {}

  /**
   * The round read what it could; {@code commit} makes it visible, {@code writtenKeys} are its
   * tablets. Its rejected-record log is not among them: the log must outlive a refused commit (a
   * batch failed by max_filter_ratio is shown through it), so only the orphan collector removes it.
   */
  public record Completed(CommitRequest commit, List<String> writtenKeys) implements Outcome {}

  /** A partition's offset no longer exists in Kafka (retention) or lies beyond its end. */
  public record OffsetOutOfRange(int partition, long offset, List<String> writtenKeys)
      implements Outcome {}

  /**
   * The job's settings cannot be used by this worker (a jsonpath, COLUMNS or WHERE it cannot
   * compile): every round of the job would fail the same way, so the control plane pauses the job
   * when it repeats, with this message as the reason.
   */
  public static final class UnusableSettings extends RuntimeException {
    UnusableSettings(RuntimeException cause) {
      super(cause.getMessage(), cause);
    }
  }

  /** Thrown when the control plane told the worker to stop (pause, stop, lease lost). */
  public static final class Cancelled extends RuntimeException {
    Cancelled() {
      super("the task was cancelled by the control plane");
    }
  }

  private final Lease lease;
  private final TaskPlan plan;
  private final RecordDecoder decoder;
  private final ObjectStore store;
  private final BufferAllocator allocator;
  private final Consumer<byte[], byte[]> consumer;
  private final BooleanSupplier keepRunning;
  private final WorkerMetrics metrics;
  private final int maxTablets;

  public TaskRound(
      Lease lease,
      ObjectStore store,
      BufferAllocator allocator,
      Consumer<byte[], byte[]> consumer,
      BooleanSupplier keepRunning,
      WorkerMetrics metrics) {
    this(lease, store, allocator, consumer, keepRunning, metrics, maxTablets(lease.getTable()));
  }

  /**
   * The tablets a round may open: {@value #MAX_TABLETS_PER_ROUND}, or fewer for a table so wide
   * that their statistics would not fit {@link #COMMIT_FILES_BUDGET}; at least one.
   */
  static int maxTablets(TableSchema table) {
    long perFile = FILE_OVERHEAD_BYTES;
    for (Column column : table.getColumnsList()) {
      perFile += column.getName().getBytes(StandardCharsets.UTF_8).length + COLUMN_OVERHEAD_BYTES;
    }
    return (int) Math.max(1, Math.min(MAX_TABLETS_PER_ROUND, COMMIT_FILES_BUDGET / perFile));
  }

  TaskRound(
      Lease lease,
      ObjectStore store,
      BufferAllocator allocator,
      Consumer<byte[], byte[]> consumer,
      BooleanSupplier keepRunning,
      WorkerMetrics metrics,
      int maxTablets) {
    if (maxTablets < 1) {
      throw new IllegalArgumentException("maxTablets must be at least 1: " + maxTablets);
    }
    this.maxTablets = maxTablets;
    this.lease = requireNonNull(lease, "lease is null");
    try {
      this.plan = TaskPlan.of(lease);
      this.decoder = plan.newDecoder();
    } catch (IllegalArgumentException | ExpressionException e) {
      throw new UnusableSettings(e);
    }
    this.store = requireNonNull(store, "store is null");
    this.allocator = requireNonNull(allocator, "allocator is null");
    this.consumer = requireNonNull(consumer, "consumer is null");
    this.keepRunning = requireNonNull(keepRunning, "keepRunning is null");
    this.metrics = requireNonNull(metrics, "metrics is null");
  }

  public Outcome run() {
    long started = System.nanoTime();
    long deadline = started + lease.getSpec().getTaskConsumeMs() * 1_000_000L;
    String topic = lease.getSource().getTopic();
    Map<TopicPartition, Long> starts = new HashMap<>();
    for (PartitionStart start : lease.getPartitionsList()) {
      starts.put(new TopicPartition(topic, start.getPartition()), start.getStartOffset());
    }
    consumer.assign(starts.keySet());
    starts.forEach(consumer::seek);
    Map<TopicPartition, Long> ends = consumer.endOffsets(starts.keySet());
    // Checked up front: a start beyond the end would otherwise wait forever for data, and one
    // before the beginning (removed by retention) is only reported by the first fetch.
    Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(starts.keySet());
    for (Map.Entry<TopicPartition, Long> start : starts.entrySet()) {
      TopicPartition tp = start.getKey();
      if (start.getValue() < beginnings.get(tp) || start.getValue() > ends.get(tp)) {
        return new OffsetOutOfRange(tp.partition(), start.getValue(), List.of());
      }
    }
    Set<TopicPartition> behind = new HashSet<>();
    starts.forEach(
        (tp, start) -> {
          if (start < ends.get(tp)) {
            behind.add(tp);
          }
        });

    RejectedRecords rejects = new RejectedRecords(lease.getSpec().getLogRejectedRecordNum());
    Progress progress = new Progress(starts);
    TabletSink sink = newSink();
    String threadName = "task-" + lease.getTaskId();
    try (RecordFetcher fetcher =
            new RecordFetcher(consumer, behind, ends, metrics, threadName + "-fetch");
        BatchEncoder encoder =
            new BatchEncoder(
                plan, allocator, BATCH_ROWS, sink, rejects, metrics, threadName + "-encode")) {
      if (!behind.isEmpty()) {
        fetcher.start();
        RecordFetcher.Fetched last =
            decodeUntilLimit(fetcher, encoder, sink, rejects, progress, deadline);
        if (last instanceof RecordFetcher.OutOfRange bad) {
          encoder.finish();
          return new OffsetOutOfRange(bad.partition(), bad.offset(), sink.writtenKeys());
        }
        if (last instanceof RecordFetcher.Failed failed) {
          throw failed.error();
        }
      }
      fetcher.close();
      encoder.finish();
      long finishing = System.nanoTime();
      List<DataFile> files = sink.finishAll();
      metrics.recordStage(WorkerMetrics.Stage.UPLOAD, System.nanoTime() - finishing);
      CommitRequest.Builder commit =
          CommitRequest.newBuilder()
              .setTaskId(lease.getTaskId())
              .setLeaseEpoch(lease.getLeaseEpoch())
              .setAttemptId(lease.getAttemptId())
              .addAllFiles(files)
              .setDrained(noNewData(progress));
      for (Map.Entry<TopicPartition, Long> start : starts.entrySet()) {
        TopicPartition tp = start.getKey();
        commit.addProgress(
            PartitionProgress.newBuilder()
                .setPartition(tp.partition())
                .setStartOffset(start.getValue())
                .setEndOffset(progress.positions.get(tp))
                .setLastTimestampMs(progress.lastTimestamp(tp.partition())));
      }
      if (rejects.count() > 0) {
        String logKey =
            lease.getStorage().getPrefix() + "/_rejected/" + lease.getAttemptId() + ".log";
        store.put(logKey, rejects.logBytes());
        commit.setErrorLogKey(ObjectStores.url(lease.getStorage(), logKey));
      }
      commit.setStatistics(
          TaskStatistics.newBuilder()
              .setReceivedBytes(progress.receivedBytes)
              .setTotalRows(encoder.loadedRows() + encoder.unselectedRows() + rejects.count())
              .setLoadedRows(encoder.loadedRows())
              .setErrorRows(rejects.count())
              .setUnselectedRows(encoder.unselectedRows())
              .setTaskExecuteTimeMs((System.nanoTime() - started) / 1_000_000L));
      return new Completed(commit.build(), List.copyOf(sink.writtenKeys()));
    } finally {
      sink.close();
    }
  }

  /**
   * The decoding loop, on the task's own thread: takes what the fetcher read, decodes it into
   * batches and hands full batches to the encoder, until a limit (max_batch_rows, max_batch_size,
   * task_consume_second, the tablets of a round) is reached or the fetcher hands over its last
   * item, which is returned (null when a limit ended the loop). Limits are checked between polls,
   * so a round ends on a poll boundary, and the positions after that poll are the round's end
   * offsets.
   */
  private RecordFetcher.Fetched decodeUntilLimit(
      RecordFetcher fetcher,
      BatchEncoder encoder,
      TabletSink sink,
      RejectedRecords rejects,
      Progress progress,
      long deadline) {
    RejectedRecords.Cursor cursor = rejects.cursor();
    long maxRows = lease.getSpec().getMaxBatchRows();
    long maxBytes = lease.getSpec().getMaxBatchSize();
    long decodedRows = 0;
    DecodedBatch batch = encoder.take();
    try {
      while (decodedRows + rejects.count() < maxRows
          && progress.receivedBytes < maxBytes
          && sink.openedTablets() < maxTablets
          && System.nanoTime() < deadline) {
        if (!keepRunning.getAsBoolean()) {
          throw new Cancelled();
        }
        RecordFetcher.Fetched fetched = fetcher.next(POLL.toMillis());
        if (fetched == null) {
          continue;
        }
        if (!(fetched instanceof RecordFetcher.Records polled)) {
          return fetched;
        }
        long decoding = System.nanoTime();
        for (ConsumerRecord<byte[], byte[]> record : polled.records()) {
          byte[] value = record.value() == null ? new byte[0] : record.value();
          progress.receivedBytes += value.length;
          cursor.at(record.partition(), record.offset());
          int rows = decoder.decode(value, batch.rows(), cursor);
          batch.noteOrigin(rows, record.partition(), record.offset(), value);
          decodedRows += rows;
          progress.noteTimestamp(record.partition(), record.timestamp());
          if (batch.rows().isFull()) {
            encoder.submit(batch);
            batch = encoder.take();
          }
        }
        progress.positions.putAll(polled.positions());
        metrics.recordStage(WorkerMetrics.Stage.DECODE, System.nanoTime() - decoding);
      }
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Cancelled();
    } finally {
      encoder.submit(batch);
    }
  }

  /**
   * Whether the round found no new data to come back for: every partition is at the end offset it
   * has now, not only at the one it had when the round started. While records keep arriving the
   * task runs again at once, as StarRocks schedules a task again while its partitions have more
   * data; only a caught-up task waits max_batch_interval.
   */
  private boolean noNewData(Progress progress) {
    Map<TopicPartition, Long> ends = consumer.endOffsets(progress.positions.keySet());
    for (Map.Entry<TopicPartition, Long> position : progress.positions.entrySet()) {
      if (position.getValue() < ends.get(position.getKey())) {
        return false;
      }
    }
    return true;
  }

  /** How far the round got: each partition's position, the bytes read, the last timestamps. */
  private static final class Progress {
    // A position is the next offset to consume, so it steps over gaps (transaction markers,
    // compaction) that a "last offset + 1" would not. It is the partition's end offset.
    final Map<TopicPartition, Long> positions;
    long receivedBytes;
    // Per record, so arrays rather than a map of boxed values; records come in runs of one
    // partition, so the last index found is tried first.
    private final int[] partitions;
    private final long[] lastTimestamps;
    private int last;

    Progress(Map<TopicPartition, Long> starts) {
      positions = new HashMap<>(starts);
      partitions = starts.keySet().stream().mapToInt(TopicPartition::partition).toArray();
      lastTimestamps = new long[partitions.length];
    }

    void noteTimestamp(int partition, long timestamp) {
      if (partitions[last] != partition) {
        last = indexOf(partition);
      }
      lastTimestamps[last] = Math.max(lastTimestamps[last], timestamp);
    }

    long lastTimestamp(int partition) {
      return lastTimestamps[indexOf(partition)];
    }

    private int indexOf(int partition) {
      for (int i = 0; i < partitions.length; i++) {
        if (partitions[i] == partition) {
          return i;
        }
      }
      throw new IllegalStateException("partition " + partition + " is not in the lease");
    }
  }

  private TabletSink newSink() {
    var table = lease.getTable();
    return new TabletSink(
        store,
        lease.getStorage().getPrefix(),
        lease.getAttemptId(),
        plan.table(),
        new TabletRouter(plan.partitionNames(), table.getDistributedByList(), table.getBuckets()),
        TabletWriterOptions.defaults().withRowGroupSize(32L * 1024 * 1024),
        TARGET_FILE_BYTES);
  }
}
