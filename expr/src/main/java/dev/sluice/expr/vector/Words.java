package dev.sluice.expr.vector;

import org.apache.arrow.memory.ArrowBuf;

/**
 * 64-row words of bitmaps, for kernels that combine validity and values a word at a time (AND, OR,
 * NOT, IS NULL). Reads and writes past the end of a buffer's capacity go byte by byte, since
 * buffers are not always a multiple of 8 bytes long.
 */
final class Words {

  private Words() {}

  static int count(int rows) {
    return (rows + 63) >> 6;
  }

  static long read(ArrowBuf buffer, int word) {
    long offset = (long) word << 3;
    if (offset + 8 <= buffer.capacity()) {
      return buffer.getLong(offset);
    }
    long value = 0;
    for (long i = offset; i < buffer.capacity(); i++) {
      value |= (buffer.getByte(i) & 0xFFL) << (8 * (i - offset));
    }
    return value;
  }

  static void write(ArrowBuf buffer, int word, long value) {
    long offset = (long) word << 3;
    if (offset + 8 <= buffer.capacity()) {
      buffer.setLong(offset, value);
      return;
    }
    for (long i = offset; i < buffer.capacity(); i++) {
      buffer.setByte(i, (byte) (value >>> (8 * (i - offset))));
    }
  }
}
