package dev.sluice.expr.vector;

import java.util.Arrays;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.VarCharVector;

/**
 * Loads one string at a time from a VarCharVector into a reused byte array, so string kernels work
 * on plain arrays without allocating per row.
 */
public final class VarCharReader {

  private byte[] bytes = new byte[64];
  private int length;

  /** Loads {@code row} (which must not be null); returns its length in bytes. */
  public int load(VarCharVector vector, int row) {
    ArrowBuf offsets = vector.getOffsetBuffer();
    int start = offsets.getInt((long) row * 4);
    int end = offsets.getInt((long) (row + 1) * 4);
    length = end - start;
    if (length > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(length, bytes.length * 2));
    }
    vector.getDataBuffer().getBytes(start, bytes, 0, length);
    return length;
  }

  public byte[] bytes() {
    return bytes;
  }

  public int length() {
    return length;
  }
}
