package dev.sluice.worker.task;

import static java.util.Objects.requireNonNull;

import dev.sluice.api.lease.ColumnStats;
import dev.sluice.api.lease.DataFile;
import dev.sluice.storage.objectstore.ObjectStore;
import dev.sluice.storage.objectstore.ObjectUpload;
import dev.sluice.storage.schema.TableSchema;
import dev.sluice.storage.tablet.TabletFile;
import dev.sluice.storage.tablet.TabletWriter;
import dev.sluice.storage.tablet.TabletWriterOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Routes the rows of table batches to one Parquet tablet per (partition value, bucket), streamed to
 * the object store under keys unique to the attempt, and rolled at a target size. Nothing is
 * visible to queries until the commit lists the files in the manifest.
 */
final class TabletSink implements AutoCloseable {
  private final ObjectStore store;
  private final String keyPrefix;
  private final String attemptId;
  private final TableSchema schema;
  private final TabletRouter router;
  private final TabletWriterOptions options;
  private final long targetFileBytes;
  private final Map<TabletRouter.Target, OpenTablet> open = new HashMap<>();
  private final List<DataFile> finished = new ArrayList<>();
  private final List<String> writtenKeys = new ArrayList<>();
  private int sequence;
  // Written by the encoding thread, read by the decoding thread to end the round.
  private final AtomicInteger opened = new AtomicInteger();

  TabletSink(
      ObjectStore store,
      String keyPrefix,
      String attemptId,
      TableSchema schema,
      TabletRouter router,
      TabletWriterOptions options,
      long targetFileBytes) {
    this.store = requireNonNull(store, "store is null");
    this.keyPrefix = requireNonNull(keyPrefix, "keyPrefix is null");
    this.attemptId = requireNonNull(attemptId, "attemptId is null");
    this.schema = requireNonNull(schema, "schema is null");
    this.router = requireNonNull(router, "router is null");
    this.options = requireNonNull(options, "options is null");
    this.targetFileBytes = targetFileBytes;
  }

  /**
   * Writes the selected rows {@code rows[0..count)} of {@code batch}, each to the tablet of its
   * partition and bucket; rows that cannot be routed go to {@code rejections}.
   */
  void write(
      VectorSchemaRoot batch,
      List<FieldVector> partitionValues,
      int[] rows,
      int count,
      TabletRouter.Rejections rejections) {
    if (count == 0) {
      return;
    }
    for (TabletRouter.Group group : router.route(batch, partitionValues, rows, count, rejections)) {
      OpenTablet tablet = open.computeIfAbsent(group.target(), this::openTablet);
      tablet.writer().write(batch, group.rows(), group.count());
      if (tablet.writer().writtenBytes() + tablet.writer().bufferedBytes() >= targetFileBytes) {
        finish(group.target());
      }
    }
  }

  /** Finishes every open tablet and returns all files written, for the commit. */
  List<DataFile> finishAll() {
    for (TabletRouter.Target target : new ArrayList<>(open.keySet())) {
      finish(target);
    }
    return List.copyOf(finished);
  }

  /** Tablets opened so far, rolled ones included: the files the commit will list. */
  int openedTablets() {
    return opened.get();
  }

  /** Keys of every object this attempt created, to delete them when the attempt is dropped. */
  List<String> writtenKeys() {
    return List.copyOf(writtenKeys);
  }

  private OpenTablet openTablet(TabletRouter.Target target) {
    StringBuilder key = new StringBuilder(keyPrefix);
    if (!target.partitionPath().isEmpty()) {
      key.append('/').append(target.partitionPath());
    }
    key.append('/')
        .append(attemptId)
        .append('-')
        .append(target.bucket())
        .append('-')
        .append(sequence++)
        .append(".parquet");
    String objectKey = key.toString();
    ObjectUpload upload = store.create(objectKey);
    writtenKeys.add(objectKey);
    opened.incrementAndGet();
    return new OpenTablet(objectKey, upload, new TabletWriter(schema, upload, options));
  }

  private void finish(TabletRouter.Target target) {
    OpenTablet tablet = open.remove(target);
    TabletFile file = tablet.writer().finish();
    tablet.writer().close();
    tablet.upload().commit();
    finished.add(toDataFile(tablet.key(), target, file));
  }

  private static DataFile toDataFile(String key, TabletRouter.Target target, TabletFile file) {
    DataFile.Builder data =
        DataFile.newBuilder()
            .setObjectKey(key)
            .setPartitionValue(target.partitionPath())
            .setBucket(target.bucket())
            .setRowCount(file.rowCount())
            .setSizeBytes(file.sizeBytes());
    for (dev.sluice.storage.tablet.ColumnStats column : file.columns()) {
      ColumnStats.Builder stats =
          ColumnStats.newBuilder().setColumn(column.name()).setNullCount(column.nullCount());
      column.minText().ifPresent(stats::setMin);
      column.maxText().ifPresent(stats::setMax);
      data.addColumnStats(stats);
    }
    return data.build();
  }

  /** Aborts unfinished uploads; files already finished stay until the attempt is dropped. */
  @Override
  public void close() {
    for (OpenTablet tablet : open.values()) {
      tablet.writer().close();
      tablet.upload().abort();
    }
    open.clear();
  }

  private record OpenTablet(String key, ObjectUpload upload, TabletWriter writer) {}
}
