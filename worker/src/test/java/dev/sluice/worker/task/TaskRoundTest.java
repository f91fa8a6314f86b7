package dev.sluice.worker.task;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.sluice.api.lease.Column;
import dev.sluice.api.lease.ColumnStats;
import dev.sluice.api.lease.CommitRequest;
import dev.sluice.api.lease.DataFile;
import dev.sluice.api.lease.KafkaSource;
import dev.sluice.api.lease.Lease;
import dev.sluice.api.lease.LoadSpec;
import dev.sluice.api.lease.PartitionProgress;
import dev.sluice.api.lease.PartitionStart;
import dev.sluice.api.lease.StorageLocation;
import dev.sluice.api.lease.TableSchema;
import dev.sluice.storage.objectstore.LocalObjectStore;
import dev.sluice.worker.metrics.WorkerMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One round through the whole pipeline (fetching thread, decoding thread, encoding thread) with
 * Kafka's own MockConsumer and tablets on a local object store: what is committed must match what
 * was read, batch after batch.
 */
class TaskRoundTest {
  private static final String TOPIC = "orders";
  private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
  private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);

  @TempDir Path root;
  private BufferAllocator allocator;
  private LocalObjectStore store;
  private MockConsumer<byte[], byte[]> consumer;

  @BeforeEach
  void setUp() {
    allocator = new RootAllocator(256L << 20);
    store = new LocalObjectStore(root);
    consumer = new MockConsumer<>("none");
    consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
  }

  @AfterEach
  void tearDown() {
    store.close();
    allocator.close();
  }

  @Test
  void loadsEveryRecordOverManyBatchesAndEndsAtThePositions() {
    // Enough rows for several 4,096-row batches, so that batches circulate between the threads.
    int perPartition = 6_000;
    consumer.setMaxPollRecords(1_000);
    addRecordsOnFirstPoll(perPartition, 7);
    consumer.updateEndOffsets(Map.of(P0, (long) perPartition, P1, (long) perPartition));

    TaskRound.Completed round = (TaskRound.Completed) newRound(lease(10_000_000)).run();

    CommitRequest commit = round.commit();
    // Every 7th record of partition 1 has a price that is not a number.
    long bad = (perPartition + 6) / 7;
    assertThat(commit.getStatistics().getErrorRows()).isEqualTo(bad);
    assertThat(commit.getStatistics().getLoadedRows()).isEqualTo(2L * perPartition - bad);
    assertThat(commit.getFilesList().stream().mapToLong(DataFile::getRowCount).sum())
        .isEqualTo(2L * perPartition - bad);
    assertThat(endOffsets(commit))
        .isEqualTo(Map.of(0, (long) perPartition, 1, (long) perPartition));
    assertThat(commit.getDrained()).isTrue();
    assertThat(commit.getErrorLogKey()).endsWith("/_rejected/attempt-1.log");
    for (DataFile file : commit.getFilesList()) {
      assertThat(store.get(file.getObjectKey()))
          .startsWith("PAR1".getBytes(StandardCharsets.US_ASCII));
    }
  }

  @Test
  void recordsArrivingDuringTheRoundMakeItRunAgainAtOnce() {
    consumer.updateEndOffsets(Map.of(P0, 100L, P1, 100L));
    consumer.schedulePollTask(
        () -> {
          for (int i = 0; i < 100; i++) {
            add(P0, i, i + ",a," + i);
            add(P1, i, i + ",b," + i);
          }
          // While the round reads, 50 more records arrive: it stops at the ends it started with,
          // but it is not caught up.
          consumer.updateEndOffsets(Map.of(P0, 150L, P1, 100L));
        });

    TaskRound.Completed round = (TaskRound.Completed) newRound(lease(10_000_000)).run();

    assertThat(endOffsets(round.commit())).isEqualTo(Map.of(0, 100L, 1, 100L));
    assertThat(round.commit().getDrained()).isFalse();
  }

  @Test
  void maxBatchRowsEndsTheRoundOnAPollBoundary() {
    consumer.setMaxPollRecords(500);
    addRecordsOnFirstPoll(3_000, 0);
    consumer.updateEndOffsets(Map.of(P0, 3_000L, P1, 3_000L));

    TaskRound.Completed round = (TaskRound.Completed) newRound(lease(2_000)).run();

    CommitRequest commit = round.commit();
    long ended = endOffsets(commit).values().stream().mapToLong(Long::longValue).sum();
    assertThat(commit.getStatistics().getLoadedRows())
        .isEqualTo(ended)
        .isBetween(2_000L, 2_000L + 500);
    assertThat(commit.getDrained()).isFalse();
  }

  @Test
  void longStringsMakeACommitFarBelowTheMessageLimit() {
    // 65 KB values in 4 columns over 40 buckets: with whole values as min and max the commit
    // would carry 40 files x 4 columns x 2 x 65 KB, over 16 MiB, and be resent for ever.
    consumer.updateEndOffsets(Map.of(P0, 300L, P1, 0L));
    consumer.schedulePollTask(
        () -> {
          for (int i = 0; i < 300; i++) {
            StringBuilder value = new StringBuilder().append(i);
            for (int c = 0; c < 4; c++) {
              String text = (char) ('a' + c) + Integer.toString(i);
              value.append(',').append(text).append("x".repeat(65_000 - text.length()));
            }
            add(P0, i, value.toString());
          }
        });
    TableSchema.Builder table =
        TableSchema.newBuilder()
            .setDatabase("db")
            .setName("wide")
            .addColumns(Column.newBuilder().setName("id").setType("bigint"))
            .addDistributedBy("id")
            .setBuckets(40);
    for (int c = 1; c <= 4; c++) {
      table.addColumns(Column.newBuilder().setName("s" + c).setType("string").setNullable(true));
    }
    Lease lease = lease(10_000_000).toBuilder().setTable(table).build();

    TaskRound.Completed round = (TaskRound.Completed) newRound(lease).run();

    CommitRequest commit = round.commit();
    assertThat(commit.getStatistics().getLoadedRows()).isEqualTo(300);
    assertThat(commit.getFilesCount()).isEqualTo(40);
    assertThat(commit.getSerializedSize()).isLessThan(1 << 20);
    for (DataFile file : commit.getFilesList()) {
      for (ColumnStats stats : file.getColumnStatsList()) {
        if (stats.getColumn().startsWith("s")) {
          assertThat(stats.getMin()).hasSize(16);
          assertThat(stats.getMax()).hasSize(16).isGreaterThan(stats.getMin());
        }
      }
    }
  }

  @Test
  void aRoundEndsOnAPollBoundaryOnceItOpenedTooManyTablets() {
    // 40,000 distinct ids over 1,024 buckets: one round would open every bucket's tablet; with a
    // limit of 50 it stops after the poll in which the limit was passed and commits what it has.
    int records = 40_000;
    consumer.setMaxPollRecords(500);
    consumer.updateEndOffsets(Map.of(P0, (long) records, P1, 0L));
    consumer.schedulePollTask(
        () -> {
          for (int i = 0; i < records; i++) {
            add(P0, i, i + ",n" + i + "," + i);
          }
        });
    Lease base = lease(10_000_000);
    Lease lease = base.toBuilder().setTable(base.getTable().toBuilder().setBuckets(1024)).build();

    TaskRound.Completed round = (TaskRound.Completed) newRound(lease, 50).run();

    CommitRequest commit = round.commit();
    long ended = endOffsets(commit).get(0);
    assertThat(ended).isLessThan(records).isPositive();
    assertThat(ended % 500).as("a poll boundary").isZero();
    assertThat(commit.getStatistics().getLoadedRows()).isEqualTo(ended);
    assertThat(commit.getFilesList().stream().mapToLong(DataFile::getRowCount).sum())
        .isEqualTo(ended);
    assertThat(commit.getFilesCount()).isGreaterThanOrEqualTo(50);
    assertThat(commit.getDrained()).isFalse();
  }

  @Test
  void wideTablesOpenFewerTabletsPerRound() {
    TableSchema.Builder narrow = TableSchema.newBuilder();
    TableSchema.Builder wide = TableSchema.newBuilder();
    for (int i = 0; i < 1_000; i++) {
      Column column = Column.newBuilder().setName("column_" + i).setType("string").build();
      wide.addColumns(column);
      if (i < 10) {
        narrow.addColumns(column);
      }
    }

    assertThat(TaskRound.maxTablets(narrow.build())).isEqualTo(TaskRound.MAX_TABLETS_PER_ROUND);
    assertThat(TaskRound.maxTablets(TableSchema.getDefaultInstance()))
        .isEqualTo(TaskRound.MAX_TABLETS_PER_ROUND);
    int limit = TaskRound.maxTablets(wide.build());
    // 1,000 columns of about 160 bytes of statistics each: about 50 files fit 8 MiB.
    assertThat(limit).isBetween(40, 60);
  }

  @Test
  void aPartitionValueTooLongForAPathIsAnErrorRow() {
    consumer.updateEndOffsets(Map.of(P0, 6L, P1, 0L));
    String tooLong = "n".repeat(300);
    consumer.schedulePollTask(
        () -> {
          add(P0, 0, "0,short,1");
          add(P0, 1, "1," + tooLong + ",2");
          add(P0, 2, "2,short,3");
          add(P0, 3, "3," + "\u00e9".repeat(130) + ",4");
          add(P0, 4, "4," + "e".repeat(240) + ",5");
          add(P0, 5, "5,other,6");
        });
    Lease base = lease(10_000_000);
    Lease lease =
        base.toBuilder()
            .setSpec(base.getSpec().toBuilder().setLogRejectedRecordNum(-1))
            .setTable(
                base.getTable().toBuilder()
                    .setColumns(
                        1, Column.newBuilder().setName("name").setType("string").setNullable(true))
                    .addPartitionBy("name"))
            .build();

    TaskRound.Completed round = (TaskRound.Completed) newRound(lease).run();

    CommitRequest commit = round.commit();
    // name=éé... is 5 + 260 bytes; name=eee... is 245 bytes and stays.
    assertThat(commit.getStatistics().getErrorRows()).isEqualTo(2);
    assertThat(commit.getStatistics().getLoadedRows()).isEqualTo(4);
    assertThat(commit.getStatistics().getTotalRows()).isEqualTo(6);
    assertThat(commit.getFilesList().stream().mapToLong(DataFile::getRowCount).sum()).isEqualTo(4);
    assertThat(commit.getFilesList())
        .extracting(DataFile::getPartitionValue)
        .contains("name=short", "name=other", "name=" + "e".repeat(240));
    assertThat(endOffsets(commit)).isEqualTo(Map.of(0, 6L, 1, 0L));
    String log = new String(store.get("t1/_rejected/attempt-1.log"), StandardCharsets.UTF_8);
    assertThat(log)
        .contains("the partition path is 305 bytes after escaping, over the limit of 256")
        .contains("the partition path is 265 bytes after escaping, over the limit of 256");
  }

  @Test
  void aStartBeyondTheEndIsOutOfRange() {
    consumer.updateEndOffsets(Map.of(P0, 10L, P1, 10L));
    Lease lease =
        lease(10_000_000).toBuilder()
            .setPartitions(1, PartitionStart.newBuilder().setPartition(1).setStartOffset(11))
            .build();

    TaskRound.Outcome outcome = newRound(lease).run();

    assertThat(outcome).isEqualTo(new TaskRound.OffsetOutOfRange(1, 11, java.util.List.of()));
  }

  private TaskRound newRound(Lease lease) {
    return newRound(lease, TaskRound.MAX_TABLETS_PER_ROUND);
  }

  private TaskRound newRound(Lease lease, int maxTablets) {
    return new TaskRound(
        lease,
        store,
        allocator,
        consumer,
        () -> true,
        new WorkerMetrics(new SimpleMeterRegistry()),
        maxTablets);
  }

  /** CSV orders on both partitions; every {@code badEvery}-th record of partition 1 is bad. */
  private void addRecordsOnFirstPoll(int perPartition, int badEvery) {
    consumer.schedulePollTask(
        () -> {
          for (int i = 0; i < perPartition; i++) {
            add(P0, i, i + ",name-" + i + "," + i * 2);
            String price = badEvery > 0 && i % badEvery == 0 ? "twelve" : Integer.toString(i);
            add(P1, i, (1_000_000 + i) + ",name-" + i + "," + price);
          }
        });
  }

  private void add(TopicPartition tp, long offset, String value) {
    consumer.addRecord(
        new ConsumerRecord<>(
            tp.topic(), tp.partition(), offset, null, value.getBytes(StandardCharsets.UTF_8)));
  }

  private static Map<Integer, Long> endOffsets(CommitRequest commit) {
    Map<Integer, Long> ends = new HashMap<>();
    for (PartitionProgress progress : commit.getProgressList()) {
      ends.put(progress.getPartition(), progress.getEndOffset());
    }
    return ends;
  }

  private static Lease lease(long maxBatchRows) {
    return Lease.newBuilder()
        .setTaskId("task-1")
        .setJobName("orders_job")
        .setLeaseEpoch(1)
        .setAttemptId("attempt-1")
        .setSource(KafkaSource.newBuilder().setTopic(TOPIC).setBrokerList("unused:9092"))
        .addPartitions(PartitionStart.newBuilder().setPartition(0).setStartOffset(0))
        .addPartitions(PartitionStart.newBuilder().setPartition(1).setStartOffset(0))
        .setSpec(
            LoadSpec.newBuilder()
                .setFormat("csv")
                .setColumnSeparator(ByteString.copyFromUtf8(","))
                .setStrictMode(true)
                .setMaxBatchRows(maxBatchRows)
                .setMaxBatchSize(1L << 30)
                .setTaskConsumeMs(60_000))
        .setTable(
            TableSchema.newBuilder()
                .setDatabase("db")
                .setName("orders")
                .addColumns(Column.newBuilder().setName("id").setType("bigint"))
                .addColumns(
                    Column.newBuilder().setName("name").setType("varchar(20)").setNullable(true))
                .addColumns(Column.newBuilder().setName("price").setType("int").setNullable(true))
                .addDistributedBy("id")
                .setBuckets(2))
        .setStorage(StorageLocation.newBuilder().setKind("local").setRoot("/tmp").setPrefix("t1"))
        .build();
  }
}
