package dev.sluice.expr.vector;

import static java.util.Objects.requireNonNull;

import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.VarCharVector;

/**
 * Writes a batch of strings into a reused VarCharVector, rows in order from 0, straight into the
 * offset, validity and data buffers (Arrow's setSafe re-checks capacity and fills holes per call).
 * The data buffer doubles when needed and is kept for the next batch, unless it grew beyond {@link
 * #MAX_RETAINED_BYTES}, so one huge batch does not pin its memory for the whole task.
 */
public final class VarCharWriter {

  static final long MAX_RETAINED_BYTES = 16L << 20;
  private static final int INITIAL_BYTES_PER_ROW = 16;

  private final VarCharVector vector;
  private ArrowBuf validity;
  private ArrowBuf offsets;
  private ArrowBuf data;
  private int position;

  public VarCharWriter(VarCharVector vector) {
    this.vector = requireNonNull(vector, "vector is null");
  }

  public VarCharVector vector() {
    return vector;
  }

  /** Starts a batch of {@code rows} rows. */
  public void start(int rows) {
    if (vector.getDataBuffer().capacity() > MAX_RETAINED_BYTES) {
      vector.clear();
    }
    // At least one row of capacity, so the offset buffer exists even for an empty batch.
    if (vector.getValueCapacity() < Math.max(rows, 1)) {
      if (vector.getValueCapacity() == 0) {
        int initial = Math.max(rows, 64);
        vector.allocateNew((long) initial * INITIAL_BYTES_PER_ROW, initial);
      }
      while (vector.getValueCapacity() < Math.max(rows, 1)) {
        vector.reallocValidityAndOffsetBuffers();
      }
    }
    validity = vector.getValidityBuffer();
    offsets = vector.getOffsetBuffer();
    data = vector.getDataBuffer();
    position = 0;
    offsets.setInt(0, 0);
  }

  public void setNull(int row) {
    Validity.clear(validity, row);
    offsets.setInt((long) (row + 1) * 4, position);
  }

  public void set(int row, byte[] bytes, int from, int length) {
    ensureData(length);
    data.setBytes(position, bytes, from, length);
    position += length;
    Validity.set(validity, row);
    offsets.setInt((long) (row + 1) * 4, position);
  }

  /** Copies {@code length} bytes at {@code from} of another vector's data buffer. */
  public void set(int row, ArrowBuf source, long from, int length) {
    ensureData(length);
    data.setBytes(position, source, from, length);
    position += length;
    Validity.set(validity, row);
    offsets.setInt((long) (row + 1) * 4, position);
  }

  /** Ends the batch; the vector then holds exactly {@code rows} rows. */
  public void finish(int rows) {
    vector.setLastSet(rows - 1);
    vector.setValueCount(rows);
  }

  private void ensureData(int length) {
    long needed = (long) position + length;
    if (needed > data.capacity()) {
      long capacity = Math.max(data.capacity(), 256);
      while (capacity < needed) {
        capacity *= 2;
      }
      if (capacity > Integer.MAX_VALUE) {
        throw new IllegalStateException("a batch of strings exceeds 2 GiB");
      }
      vector.reallocDataBuffer(capacity);
      data = vector.getDataBuffer();
    }
  }
}
