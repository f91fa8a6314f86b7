package dev.sluice.worker.task;

import static java.util.Objects.requireNonNull;

import dev.sluice.api.lease.CommitRequest;
import dev.sluice.api.lease.Lease;
import dev.sluice.api.lease.PartitionProgress;
import dev.sluice.api.lease.PartitionStart;
import dev.sluice.api.lease.TaskStatistics;
import dev.sluice.expr.TableExpression;
import dev.sluice.expr.TableExpressionEvaluator;
import dev.sluice.expr.TransformEvaluator;
import dev.sluice.expr.TransformResult;
import dev.sluice.storage.objectstore.ObjectStore;
import dev.sluice.storage.tablet.TabletWriterOptions;
import dev.sluice.worker.decode.RecordDecoder;
import dev.sluice.worker.decode.SourceBatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
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
  private static final Duration POLL = Duration.ofMillis(100);

  /** How a round ended. */
  public sealed interface Outcome permits Completed, OffsetOutOfRange {}

  /**
   * The round read what it could; {@code commit} makes it visible, {@code writtenKeys} are its
   * files.
   */
  public record Completed(CommitRequest commit, List<String> writtenKeys) implements Outcome {}

  /** A partition's offset no longer exists in Kafka (retention) or lies beyond its end. */
  public record OffsetOutOfRange(int partition, long offset, List<String> writtenKeys)
      implements Outcome {}

  /** Thrown when the control plane told the worker to stop (pause, stop, lease lost). */
  public static final class Cancelled extends RuntimeException {
    Cancelled() {
      super("the task was cancelled by the control plane");
    }
  }

  private final Lease lease;
  private final TaskPlan plan;
  private final ObjectStore store;
  private final BufferAllocator allocator;
  private final Consumer<byte[], byte[]> consumer;
  private final BooleanSupplier keepRunning;

  public TaskRound(
      Lease lease,
      ObjectStore store,
      BufferAllocator allocator,
      Consumer<byte[], byte[]> consumer,
      BooleanSupplier keepRunning) {
    this.lease = requireNonNull(lease, "lease is null");
    this.plan = TaskPlan.of(lease);
    this.store = requireNonNull(store, "store is null");
    this.allocator = requireNonNull(allocator, "allocator is null");
    this.consumer = requireNonNull(consumer, "consumer is null");
    this.keepRunning = requireNonNull(keepRunning, "keepRunning is null");
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
    Map<Integer, Long> lastTimestamps = new HashMap<>();
    RecordDecoder decoder = plan.newDecoder();
    long receivedBytes = 0;
    Counts counts = new Counts();
    TabletSink sink = newSink();
    try (SourceBatch batch = new SourceBatch(plan.source(), allocator, BATCH_ROWS);
        BatchLoader loader = new BatchLoader(plan, batch, allocator, sink, rejects, counts)) {
      while (!behind.isEmpty()
          && counts.rows() + rejects.count() < lease.getSpec().getMaxBatchRows()
          && receivedBytes < lease.getSpec().getMaxBatchSize()
          && System.nanoTime() < deadline) {
        if (!keepRunning.getAsBoolean()) {
          throw new Cancelled();
        }
        ConsumerRecords<byte[], byte[]> records;
        try {
          records = consumer.poll(POLL);
        } catch (OffsetOutOfRangeException e) {
          Map.Entry<TopicPartition, Long> bad =
              e.offsetOutOfRangePartitions().entrySet().iterator().next();
          return new OffsetOutOfRange(bad.getKey().partition(), bad.getValue(), sink.writtenKeys());
        }
        for (ConsumerRecord<byte[], byte[]> record : records) {
          byte[] value = record.value() == null ? new byte[0] : record.value();
          receivedBytes += value.length;
          rejects.at(record.partition(), record.offset());
          int rows = decoder.decode(value, batch, rejects);
          loader.noteOrigin(rows, record.partition(), record.offset(), value);
          lastTimestamps.merge(record.partition(), record.timestamp(), Math::max);
          if (batch.isFull()) {
            loader.load();
          }
        }
        behind.removeIf(tp -> consumer.position(tp) >= ends.get(tp));
      }
      loader.load();
      CommitRequest.Builder commit =
          CommitRequest.newBuilder()
              .setTaskId(lease.getTaskId())
              .setLeaseEpoch(lease.getLeaseEpoch())
              .setAttemptId(lease.getAttemptId())
              .addAllFiles(sink.finishAll())
              .setDrained(behind.isEmpty());
      for (Map.Entry<TopicPartition, Long> start : starts.entrySet()) {
        TopicPartition tp = start.getKey();
        // The consumer's position is the next offset to consume; it steps over gaps
        // (transaction markers, compaction) that a "last offset + 1" would not.
        commit.addProgress(
            PartitionProgress.newBuilder()
                .setPartition(tp.partition())
                .setStartOffset(start.getValue())
                .setEndOffset(consumer.position(tp))
                .setLastTimestampMs(lastTimestamps.getOrDefault(tp.partition(), 0L)));
      }
      List<String> written = new ArrayList<>(sink.writtenKeys());
      if (rejects.count() > 0) {
        String logKey =
            lease.getStorage().getPrefix() + "/_rejected/" + lease.getAttemptId() + ".log";
        store.put(logKey, rejects.logBytes());
        written.add(logKey);
        commit.setErrorLogKey(ObjectStores.url(lease.getStorage(), logKey));
      }
      commit.setStatistics(
          TaskStatistics.newBuilder()
              .setReceivedBytes(receivedBytes)
              .setTotalRows(counts.loaded + counts.unselected + rejects.count())
              .setLoadedRows(counts.loaded)
              .setErrorRows(rejects.count())
              .setUnselectedRows(counts.unselected)
              .setTaskExecuteTimeMs((System.nanoTime() - started) / 1_000_000L));
      return new Completed(commit.build(), written);
    } finally {
      sink.close();
    }
  }

  /** Rows of the round so far that passed decoding: loaded or removed by WHERE. */
  private static final class Counts {
    long loaded;
    long unselected;

    long rows() {
      return loaded + unselected;
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

  /**
   * Turns a full source batch into tablet rows: evaluates the load transform (derived columns,
   * WHERE) over the whole batch, reports rows that failed as error rows with their record, and
   * writes the selected rows. Remembers which record each batch row came from, for the log.
   */
  private static final class BatchLoader implements AutoCloseable {
    private final SourceBatch batch;
    private final TabletSink sink;
    private final RejectedRecords rejects;
    private final Counts counts;
    private final TransformEvaluator transform;
    private final List<TableExpressionEvaluator> partitions = new ArrayList<>();
    private int[] originPartition = new int[BATCH_ROWS];
    private long[] originOffset = new long[BATCH_ROWS];
    private byte[][] originValue = new byte[BATCH_ROWS][];
    private int origins;

    BatchLoader(
        TaskPlan plan,
        SourceBatch batch,
        BufferAllocator allocator,
        TabletSink sink,
        RejectedRecords rejects,
        Counts counts) {
      this.batch = batch;
      this.sink = sink;
      this.rejects = rejects;
      this.counts = counts;
      this.transform = plan.transform().open(allocator);
      for (TableExpression expression : plan.partitionBy()) {
        partitions.add(expression.open(allocator));
      }
    }

    /** The last {@code rows} rows appended to the batch came from this record. */
    void noteOrigin(int rows, int partition, long offset, byte[] value) {
      for (int i = 0; i < rows; i++) {
        if (origins == originOffset.length) {
          int grown = origins * 2;
          originPartition = java.util.Arrays.copyOf(originPartition, grown);
          originOffset = java.util.Arrays.copyOf(originOffset, grown);
          originValue = java.util.Arrays.copyOf(originValue, grown);
        }
        originPartition[origins] = partition;
        originOffset[origins] = offset;
        originValue[origins] = value;
        origins++;
      }
    }

    void load() {
      batch.finish();
      int rows = batch.rowCount();
      if (rows > 0) {
        TransformResult result = transform.evaluate(batch.vectors(), rows);
        for (int i = 0; i < result.errorCount(); i++) {
          int row = result.errorRow(i);
          rejects.at(originPartition[row], originOffset[row]);
          rejects.reject(result.errorReason(i), originValue[row]);
        }
        counts.unselected += result.unselectedCount();
        counts.loaded += result.selectedCount();
        VectorSchemaRoot table = result.table();
        List<FieldVector> partitionValues = new ArrayList<>(partitions.size());
        for (TableExpressionEvaluator partition : partitions) {
          partitionValues.add(partition.evaluate(table));
        }
        sink.write(table, partitionValues, result.selectedRows(), result.selectedCount());
      }
      batch.reset();
      java.util.Arrays.fill(originValue, 0, origins, null);
      origins = 0;
    }

    @Override
    public void close() {
      partitions.forEach(TableExpressionEvaluator::close);
      transform.close();
    }
  }
}
