package dev.sluice.storage.tablet;

import static java.util.Objects.requireNonNull;

import dev.sluice.storage.schema.ArrowTypes;
import dev.sluice.storage.schema.TableColumn;
import dev.sluice.storage.schema.TableSchema;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.schema.MessageType;

/**
 * Writes Arrow batches of one table as one Parquet file into an output stream, column by column
 * straight from the Arrow buffers. Uses parquet-hadoop's file and page writers, none of which need
 * Hadoop on the class path on this path.
 *
 * <pre>{@code
 * try (ObjectUpload upload = store.create(key);
 *     TabletWriter writer = new TabletWriter(schema, upload, options)) {
 *   writer.write(batch);                    // all rows
 *   writer.write(batch, rowIndexes, count); // or some rows, in the given order
 *   TabletFile file = writer.finish();
 *   upload.commit();
 * }
 * }</pre>
 *
 * <p>Batches must hold a vector named like each table column (exact spelling) of the column's
 * {@link ArrowTypes Arrow type}; other vectors are ignored. NOT NULL columns must have no null in
 * the written rows. An invalid batch is refused with {@link IllegalArgumentException} before
 * anything is written, so the writer stays usable; any other failure leaves it unusable.
 *
 * <p>A row group is buffered in memory, encoded and compressed, until it reaches {@link
 * TabletWriterOptions#rowGroupSize()}; it is then written to the stream in one burst. So memory is
 * about one row group per open writer, and the stream sees nothing until the first row group is
 * full or {@link #finish()} is called. The batches are not retained after {@code write} returns.
 *
 * <p>Not thread-safe. {@link #close()} never closes the stream: the caller commits or aborts it.
 */
public final class TabletWriter implements AutoCloseable {

  // Rows written per column before moving to the next column. Parquet decides page boundaries
  // between rows, so smaller chunks keep pages closer to the configured size.
  private static final int CHUNK_ROWS = 1024;

  private static final String SCHEMA_METADATA_KEY = "sluice.columns";

  // Bytes kept of a BINARY min or max in the footer and in column indexes. Parquet's default keeps
  // whole values in the footer up to 4 KB and drops larger ones, bounds and null counts alike;
  // truncated (a prefix, and a prefix incremented) they stay bounds and the footer stays small.
  static final int PARQUET_STATISTICS_TRUNCATE_LENGTH = 64;

  private enum State {
    OPEN,
    FINISHED,
    FAILED,
    CLOSED
  }

  private final TableSchema schema;
  private final TabletWriterOptions options;
  private final MessageType parquetSchema;
  private final ColumnDescriptor[] descriptors;
  private final ArrowType[] arrowTypes;
  private final ColumnValueWriter[] valueWriters;
  private final ParquetProperties properties;
  private final PageCompressor compressor;
  private final StreamOutputFile outputFile;
  private final ParquetFileWriter fileWriter;

  // NOT NULL columns skip validity lookups: bind() has checked the selected rows.
  private final boolean[] checkNulls;
  // The current batch's vectors, by column; cleared after each write.
  private final FieldVector[] vectors;
  private int[] allRows = new int[0];

  // The open row group; null between row groups.
  private ColumnChunkPageWriteStore pageStore;
  private ColumnWriteStore columnStore;
  private final ColumnWriter[] columnWriters;
  private long rowGroupRows;

  private long rowCount;
  private int rowGroupCount;
  private State state = State.OPEN;

  public TabletWriter(TableSchema schema, OutputStream out, TabletWriterOptions options) {
    this.schema = requireNonNull(schema, "schema is null");
    requireNonNull(out, "out is null");
    this.options = requireNonNull(options, "options is null");
    this.parquetSchema = schema.parquetSchema();
    int columns = schema.size();
    this.descriptors = parquetSchema.getColumns().toArray(new ColumnDescriptor[0]);
    this.arrowTypes = new ArrowType[columns];
    this.valueWriters = new ColumnValueWriter[columns];
    this.checkNulls = new boolean[columns];
    for (int i = 0; i < columns; i++) {
      TableColumn column = schema.column(i);
      arrowTypes[i] = ArrowTypes.of(column.type());
      valueWriters[i] = ColumnValueWriter.forColumn(column);
      checkNulls[i] = column.nullable();
    }
    this.vectors = new FieldVector[columns];
    this.columnWriters = new ColumnWriter[columns];
    this.properties =
        ParquetProperties.builder()
            .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0)
            .withPageSize(options.pageSize())
            .withDictionaryPageSize(options.dictionaryPageSize())
            .withDictionaryEncoding(true)
            .withStatisticsTruncateLength(PARQUET_STATISTICS_TRUNCATE_LENGTH)
            .withColumnIndexTruncateLength(PARQUET_STATISTICS_TRUNCATE_LENGTH)
            .withAllocator(new HeapByteBufferAllocator())
            .build();
    this.compressor = PageCompressor.create(options.codec(), options.zstdLevel());
    this.outputFile = new StreamOutputFile(out);
    try {
      this.fileWriter =
          new ParquetFileWriter(
              outputFile,
              parquetSchema,
              ParquetFileWriter.Mode.CREATE,
              options.rowGroupSize(),
              0,
              properties.getColumnIndexTruncateLength(),
              properties.getStatisticsTruncateLength(),
              properties.getPageWriteChecksumEnabled());
      fileWriter.start();
    } catch (IOException e) {
      compressor.release();
      throw new UncheckedIOException("cannot start a Parquet file", e);
    }
  }

  public TableSchema schema() {
    return schema;
  }

  public TabletWriterOptions options() {
    return options;
  }

  /** Writes every row of the batch. */
  public void write(VectorSchemaRoot batch) {
    requireNonNull(batch, "batch is null");
    int count = batch.getRowCount();
    if (allRows.length < count) {
      allRows = new int[Math.max(count, allRows.length * 2)];
      for (int i = 0; i < allRows.length; i++) {
        allRows[i] = i;
      }
    }
    write(batch, allRows, count);
  }

  /**
   * Writes rows {@code rowIndexes[0..count)} of the batch, in that order; an index may repeat. This
   * is how one batch is split into several tablets (by partition and bucket) without copying it.
   */
  public void write(VectorSchemaRoot batch, int[] rowIndexes, int count) {
    requireNonNull(batch, "batch is null");
    requireNonNull(rowIndexes, "rowIndexes is null");
    checkState();
    if (count < 0 || count > rowIndexes.length) {
      throw new IllegalArgumentException(
          "count must be 0 to " + rowIndexes.length + " (rowIndexes length): " + count);
    }
    bind(batch, rowIndexes, count);
    if (count == 0) {
      Arrays.fill(vectors, null);
      return;
    }
    try {
      for (int start = 0; start < count; start += CHUNK_ROWS) {
        int end = Math.min(count, start + CHUNK_ROWS);
        if (columnStore == null) {
          startRowGroup();
        }
        for (int c = 0; c < vectors.length; c++) {
          valueWriters[c].write(
              vectors[c], rowIndexes, start, end, checkNulls[c], columnWriters[c]);
        }
        for (int row = start; row < end; row++) {
          columnStore.endRecord();
        }
        rowGroupRows += end - start;
        rowCount += end - start;
        if (columnStore.getBufferedSize() >= options.rowGroupSize()) {
          flushRowGroup();
        }
      }
    } catch (IOException e) {
      state = State.FAILED;
      throw new UncheckedIOException("cannot write a Parquet row group", e);
    } catch (RuntimeException | Error e) {
      state = State.FAILED;
      throw e;
    } finally {
      // Do not keep the caller's vectors reachable.
      Arrays.fill(vectors, null);
    }
  }

  /** Rows written so far. */
  public long rowCount() {
    return rowCount;
  }

  /** Bytes handed to the stream so far: the finished row groups. */
  public long writtenBytes() {
    return outputFile.position();
  }

  /** Bytes held for the open row group; with {@link #writtenBytes()}, about the file's size. */
  public long bufferedBytes() {
    return columnStore == null ? 0 : columnStore.getBufferedSize();
  }

  /**
   * Writes the last row group and the footer and flushes the stream (without closing it).
   *
   * @return the file's size, row count and column statistics
   */
  public TabletFile finish() {
    checkState();
    try {
      flushRowGroup();
      fileWriter.end(Map.of(SCHEMA_METADATA_KEY, describeColumns()));
      state = State.FINISHED;
    } catch (IOException e) {
      state = State.FAILED;
      throw new UncheckedIOException("cannot finish a Parquet file", e);
    } catch (RuntimeException | Error e) {
      state = State.FAILED;
      throw e;
    }
    ParquetMetadata footer = fileWriter.getFooter();
    List<ColumnStats> stats = new ArrayList<>(schema.size());
    for (int i = 0; i < schema.size(); i++) {
      stats.add(
          StatsConverter.convert(
              schema.column(i), descriptors[i].getPrimitiveType(), i, footer.getBlocks()));
    }
    return new TabletFile(rowCount, outputFile.position(), rowGroupCount, stats);
  }

  /** Releases buffers. Without {@link #finish()} the bytes written so far are not a valid file. */
  @Override
  public void close() {
    if (state == State.CLOSED) {
      return;
    }
    if (state != State.FINISHED) {
      fileWriter.abort();
    }
    state = State.CLOSED;
    closeRowGroupStores();
    compressor.release();
  }

  private void bind(VectorSchemaRoot batch, int[] rows, int count) {
    int batchRows = batch.getRowCount();
    for (int i = 0; i < count; i++) {
      int row = rows[i];
      if (row < 0 || row >= batchRows) {
        throw new IllegalArgumentException(
            "rowIndexes[" + i + "] = " + row + " is outside the batch of " + batchRows + " rows");
      }
    }
    try {
      for (int c = 0; c < vectors.length; c++) {
        TableColumn column = schema.column(c);
        FieldVector vector = batch.getVector(column.name());
        if (vector == null) {
          throw new IllegalArgumentException("the batch has no vector for column " + column.name());
        }
        ArrowType type = vector.getField().getType();
        if (!type.equals(arrowTypes[c])) {
          throw new IllegalArgumentException(
              "column "
                  + column.name()
                  + " of type "
                  + column.type()
                  + " needs Arrow type "
                  + arrowTypes[c]
                  + ", the batch has "
                  + type);
        }
        // Costs stay proportional to the selected rows, not to the batch: the worker writes small
        // slices of one big batch into many tablets.
        if (!column.nullable()) {
          checkNoNullSelected(column, vector, rows, count);
        }
        valueWriters[c].validate(vector, rows, count, column.name());
        vectors[c] = vector;
      }
    } catch (RuntimeException e) {
      Arrays.fill(vectors, null);
      throw e;
    }
  }

  private static void checkNoNullSelected(
      TableColumn column, FieldVector vector, int[] rows, int count) {
    for (int i = 0; i < count; i++) {
      if (vector.isNull(rows[i])) {
        throw new IllegalArgumentException(
            "column " + column.name() + " is NOT NULL but row " + rows[i] + " is null");
      }
    }
  }

  private void startRowGroup() {
    pageStore =
        new ColumnChunkPageWriteStore(
            compressor,
            parquetSchema,
            properties.getAllocator(),
            properties.getColumnIndexTruncateLength(),
            properties.getPageWriteChecksumEnabled());
    columnStore = properties.newColumnWriteStore(parquetSchema, pageStore, pageStore);
    for (int c = 0; c < descriptors.length; c++) {
      columnWriters[c] = columnStore.getColumnWriter(descriptors[c]);
    }
  }

  private void flushRowGroup() throws IOException {
    if (columnStore == null) {
      return;
    }
    if (rowGroupRows > 0) {
      fileWriter.startBlock(rowGroupRows);
      columnStore.flush();
      pageStore.flushToFileWriter(fileWriter);
      fileWriter.endBlock();
      rowGroupCount++;
    }
    rowGroupRows = 0;
    closeRowGroupStores();
  }

  private void closeRowGroupStores() {
    if (columnStore != null) {
      columnStore.close();
      columnStore = null;
    }
    if (pageStore != null) {
      pageStore.close();
      pageStore = null;
    }
    Arrays.fill(columnWriters, null);
  }

  private String describeColumns() {
    StringBuilder text = new StringBuilder();
    for (TableColumn column : schema.columns()) {
      if (text.length() > 0) {
        text.append(", ");
      }
      text.append(column);
    }
    return text.toString();
  }

  private void checkState() {
    switch (state) {
      case OPEN -> {}
      case FINISHED -> throw new IllegalStateException("the tablet is already finished");
      case FAILED -> throw new IllegalStateException("an earlier write failed; discard the tablet");
      case CLOSED -> throw new IllegalStateException("the tablet writer is closed");
    }
  }
}
