package dev.sluice.expr.vector;

import org.apache.arrow.memory.ArrowBuf;

/**
 * Word-at-a-time operations on Arrow validity bitmaps (bit i of byte i / 8, little-endian, so a
 * long read at byte 8k holds rows 64k..64k+63 in bit order). Only bits below the row count are
 * meaningful; the operations may leave anything in the bits of the last byte beyond it.
 */
public final class Validity {

  private Validity() {}

  static int bytes(int rows) {
    return (rows + 7) >> 3;
  }

  public static boolean isSet(ArrowBuf validity, int row) {
    return ((validity.getByte(row >> 3) >> (row & 7)) & 1) != 0;
  }

  public static void set(ArrowBuf validity, int row) {
    long index = row >> 3;
    validity.setByte(index, validity.getByte(index) | (1 << (row & 7)));
  }

  public static void clear(ArrowBuf validity, int row) {
    long index = row >> 3;
    validity.setByte(index, validity.getByte(index) & ~(1 << (row & 7)));
  }

  public static void set(ArrowBuf validity, int row, boolean valid) {
    if (valid) {
      set(validity, row);
    } else {
      clear(validity, row);
    }
  }

  public static void setAll(ArrowBuf validity, int rows) {
    validity.setOne(0, bytes(rows));
  }

  public static void clearAll(ArrowBuf validity, int rows) {
    validity.setZero(0, bytes(rows));
  }

  public static void copy(ArrowBuf source, ArrowBuf target, int rows) {
    target.setBytes(0, source, 0, bytes(rows));
  }

  /** target = a AND b. */
  public static void and(ArrowBuf a, ArrowBuf b, ArrowBuf target, int rows) {
    int bytes = bytes(rows);
    int words = bytes >> 3;
    for (int w = 0; w < words; w++) {
      long offset = (long) w << 3;
      target.setLong(offset, a.getLong(offset) & b.getLong(offset));
    }
    for (int i = words << 3; i < bytes; i++) {
      target.setByte(i, a.getByte(i) & b.getByte(i));
    }
  }

  /** target = target AND a. */
  public static void andInto(ArrowBuf a, ArrowBuf target, int rows) {
    and(a, target, target, rows);
  }

  /** Rows 64w..64w+63 of a bitmap as a long (bit i = row 64w + i). */
  public static long word(ArrowBuf bitmap, int w) {
    return Words.read(bitmap, w);
  }

  /** True when all rows are valid, so a kernel may skip per-row null checks. */
  public static boolean allSet(ArrowBuf validity, int rows) {
    int full = rows >> 6;
    for (int w = 0; w < full; w++) {
      if (validity.getLong((long) w << 3) != -1L) {
        return false;
      }
    }
    for (int row = full << 6; row < rows; row++) {
      if (!isSet(validity, row)) {
        return false;
      }
    }
    return true;
  }
}
