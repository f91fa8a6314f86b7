package dev.sluice.worker.task;

import dev.sluice.worker.decode.SourceBatch;
import java.util.Arrays;

/**
 * A source batch on its way from the decoding thread to the encoding thread, with the record each
 * row came from, so that a row the transform rejects is logged with its partition, offset and raw
 * text.
 */
final class DecodedBatch implements AutoCloseable {
  private final SourceBatch rows;
  private int[] originPartition;
  private long[] originOffset;
  private byte[][] originValue;
  private int origins;

  DecodedBatch(SourceBatch rows) {
    this.rows = rows;
    int capacity = rows.capacity();
    originPartition = new int[capacity];
    originOffset = new long[capacity];
    originValue = new byte[capacity][];
  }

  SourceBatch rows() {
    return rows;
  }

  /** The last {@code count} rows appended to the batch came from this record. */
  void noteOrigin(int count, int partition, long offset, byte[] value) {
    for (int i = 0; i < count; i++) {
      if (origins == originOffset.length) {
        // A JSON array record can put a batch above its capacity.
        int grown = origins * 2;
        originPartition = Arrays.copyOf(originPartition, grown);
        originOffset = Arrays.copyOf(originOffset, grown);
        originValue = Arrays.copyOf(originValue, grown);
      }
      originPartition[origins] = partition;
      originOffset[origins] = offset;
      originValue[origins] = value;
      origins++;
    }
  }

  int partitionOf(int row) {
    return originPartition[row];
  }

  long offsetOf(int row) {
    return originOffset[row];
  }

  byte[] valueOf(int row) {
    return originValue[row];
  }

  /** Empties the batch for reuse, dropping its references to record values. */
  void reset() {
    rows.reset();
    Arrays.fill(originValue, 0, origins, null);
    origins = 0;
  }

  @Override
  public void close() {
    rows.close();
  }
}
