package dev.sluice.expr.vector;

import java.math.BigInteger;
import org.apache.arrow.memory.ArrowBuf;

/**
 * Reads and writes the 128-bit little-endian two's-complement values of Arrow decimal vectors as
 * two longs, so that values fitting in a long (up to 18 digits, the usual case) are handled without
 * objects; only wider values go through BigInteger.
 */
public final class DecimalBuffers {

  private static final int WIDTH = 16;

  private DecimalBuffers() {}

  public static long low(ArrowBuf data, int row) {
    return data.getLong((long) row * WIDTH);
  }

  public static long high(ArrowBuf data, int row) {
    return data.getLong((long) row * WIDTH + 8);
  }

  /** True when the 128-bit value (low, high) is the sign extension of low. */
  public static boolean fitsLong(long low, long high) {
    return high == (low >> 63);
  }

  public static BigInteger big(long low, long high) {
    byte[] bytes = new byte[WIDTH];
    for (int i = 0; i < 8; i++) {
      bytes[7 - i] = (byte) (high >>> (8 * i));
      bytes[15 - i] = (byte) (low >>> (8 * i));
    }
    return new BigInteger(bytes);
  }

  public static BigInteger big(ArrowBuf data, int row) {
    return big(low(data, row), high(data, row));
  }

  public static void set(ArrowBuf data, int row, long value) {
    long offset = (long) row * WIDTH;
    data.setLong(offset, value);
    data.setLong(offset + 8, value >> 63);
  }

  /** Writes a value of at most 127 bits (38 digits always are). */
  public static void set(ArrowBuf data, int row, BigInteger value) {
    long offset = (long) row * WIDTH;
    data.setLong(offset, value.longValue());
    data.setLong(offset + 8, value.shiftRight(64).longValue());
  }
}
