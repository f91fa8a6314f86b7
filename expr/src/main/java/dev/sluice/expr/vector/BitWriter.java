package dev.sluice.expr.vector;

import org.apache.arrow.memory.ArrowBuf;

/**
 * Writes a bitmap (BitVector values or validity) row by row in order, 64 rows per memory write
 * instead of a read-modify-write per row. Reused across batches.
 */
final class BitWriter {

  private ArrowBuf buffer;
  private long word;
  private int row;

  void start(ArrowBuf buffer) {
    this.buffer = buffer;
    this.word = 0;
    this.row = 0;
  }

  void add(boolean bit) {
    if (bit) {
      word |= 1L << (row & 63);
    }
    row++;
    if ((row & 63) == 0) {
      buffer.setLong((long) ((row >> 6) - 1) << 3, word);
      word = 0;
    }
  }

  /** Writes the last partial word byte by byte, staying within the buffer. */
  void finish() {
    int remaining = row & 63;
    if (remaining == 0) {
      return;
    }
    long base = (long) (row >> 6) << 3;
    for (int b = 0; b < (remaining + 7) >> 3; b++) {
      buffer.setByte(base + b, (byte) (word >>> (8 * b)));
    }
  }
}
