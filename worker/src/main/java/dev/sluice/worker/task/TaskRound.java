package dev.sluice.worker.task;

import static java.util.Objects.requireNonNull;

import dev.sluice.api.lease.CommitRequest;
import dev.sluice.api.lease.Lease;
import dev.sluice.api.lease.PartitionProgress;
import dev.sluice.api.lease.PartitionStart;
import dev.sluice.api.lease.TaskStatistics;
import dev.sluice.storage.objectstore.ObjectStore;
import dev.sluice.storage.schema.ArrowTypes;
import dev.sluice.storage.schema.TableColumn;
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
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
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
    long decodedRows = 0;
    TabletSink sink = newSink();
    try (SourceBatch batch = new SourceBatch(plan.source(), allocator, BATCH_ROWS);
        TableBatch table = new TableBatch(plan, batch, allocator)) {
      while (!behind.isEmpty()
          && decodedRows + rejects.count() < lease.getSpec().getMaxBatchRows()
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
          sink.close();
          return new OffsetOutOfRange(bad.getKey().partition(), bad.getValue(), sink.writtenKeys());
        }
        for (ConsumerRecord<byte[], byte[]> record : records) {
          byte[] value = record.value() == null ? new byte[0] : record.value();
          receivedBytes += value.length;
          rejects.at(record.partition(), record.offset());
          decodedRows += decoder.decode(value, batch, rejects);
          lastTimestamps.merge(record.partition(), record.timestamp(), Math::max);
          if (batch.isFull()) {
            sink.write(table.fill());
            batch.reset();
          }
        }
        behind.removeIf(tp -> consumer.position(tp) >= ends.get(tp));
      }
      if (batch.rowCount() > 0) {
        sink.write(table.fill());
        batch.reset();
      }
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
      long loaded = decodedRows;
      commit.setStatistics(
          TaskStatistics.newBuilder()
              .setReceivedBytes(receivedBytes)
              .setTotalRows(loaded + rejects.count())
              .setLoadedRows(loaded)
              .setErrorRows(rejects.count())
              .setUnselectedRows(0)
              .setTaskExecuteTimeMs((System.nanoTime() - started) / 1_000_000L));
      return new Completed(commit.build(), written);
    } finally {
      sink.close();
    }
  }

  private TabletSink newSink() {
    var table = lease.getTable();
    return new TabletSink(
        store,
        lease.getStorage().getPrefix(),
        lease.getAttemptId(),
        plan.table(),
        new TabletRouter(plan.partitionColumns(), table.getDistributedByList(), table.getBuckets()),
        TabletWriterOptions.defaults().withRowGroupSize(32L * 1024 * 1024),
        TARGET_FILE_BYTES);
  }

  /**
   * The table-shaped view of a decoded batch: the source batch's vectors for the columns it feeds,
   * all-NULL vectors for nullable columns that COLUMNS does not mention.
   */
  private static final class TableBatch implements AutoCloseable {
    private final SourceBatch batch;
    private final List<FieldVector> vectors = new ArrayList<>();
    private final List<FieldVector> missing = new ArrayList<>();

    TableBatch(TaskPlan plan, SourceBatch batch, BufferAllocator allocator) {
      this.batch = batch;
      for (TableColumn column : plan.table().columns()) {
        int index = plan.sourceIndexOf(column.name());
        if (index >= 0) {
          vectors.add(batch.vector(index));
        } else {
          if (!column.nullable()) {
            throw new IllegalArgumentException(
                "column '" + column.name() + "' is NOT NULL but COLUMNS gives it no value");
          }
          FieldVector nulls =
              new Field(
                      column.name(), new FieldType(true, ArrowTypes.of(column.type()), null), null)
                  .createVector(allocator);
          nulls.allocateNew();
          vectors.add(nulls);
          missing.add(nulls);
        }
      }
    }

    VectorSchemaRoot fill() {
      batch.finish();
      int rows = batch.rowCount();
      for (FieldVector nulls : missing) {
        while (nulls.getValueCapacity() < rows) {
          nulls.reAlloc();
        }
        nulls.setValueCount(rows);
      }
      VectorSchemaRoot root = new VectorSchemaRoot(vectors);
      root.setRowCount(rows);
      return root;
    }

    @Override
    public void close() {
      missing.forEach(FieldVector::close);
    }
  }
}
