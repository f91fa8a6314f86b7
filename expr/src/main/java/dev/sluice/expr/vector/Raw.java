package dev.sluice.expr.vector;

import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.util.MemoryUtil;

/**
 * Unchecked reads and writes of primitive values by row, for the innermost numeric loops.
 * ArrowBuf's own accessors check bounds and the reference count on every call, which costs more
 * than the arithmetic; here the bounds are checked once per batch ({@link #address}) and the loop
 * then reads memory directly, as Arrow's vectors do with bounds checking disabled.
 */
final class Raw {

  private Raw() {}

  /**
   * The address of {@code buffer} after checking that it holds {@code rows} values of {@code width}
   * bytes; every later access must stay below that.
   */
  static long address(ArrowBuf buffer, int rows, int width) {
    long needed = (long) rows * width;
    if (buffer.capacity() < needed) {
      throw new IllegalStateException(
          "buffer of " + buffer.capacity() + " bytes cannot hold " + rows + " values of " + width);
    }
    return buffer.memoryAddress();
  }

  static long getLong(long address, int row) {
    return MemoryUtil.getLong(address + ((long) row << 3));
  }

  static void putLong(long address, int row, long value) {
    MemoryUtil.putLong(address + ((long) row << 3), value);
  }

  static double getDouble(long address, int row) {
    return Double.longBitsToDouble(MemoryUtil.getLong(address + ((long) row << 3)));
  }

  static void putDouble(long address, int row, double value) {
    MemoryUtil.putLong(address + ((long) row << 3), Double.doubleToRawLongBits(value));
  }

  static int getInt(long address, int row) {
    return MemoryUtil.getInt(address + ((long) row << 2));
  }

  static void putInt(long address, int row, int value) {
    MemoryUtil.putInt(address + ((long) row << 2), value);
  }

  static short getShort(long address, int row) {
    return MemoryUtil.getShort(address + ((long) row << 1));
  }

  static byte getByte(long address, int row) {
    return MemoryUtil.getByte(address + row);
  }
}
