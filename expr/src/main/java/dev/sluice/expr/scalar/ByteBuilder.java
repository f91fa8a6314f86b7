package dev.sluice.expr.scalar;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte array that kernels reuse from row to row to build a value (a formatted date, a
 * concatenation) before copying it into a vector; it only allocates when a value is longer than
 * every value before it.
 */
public final class ByteBuilder {

  private byte[] bytes;
  private int length;

  public ByteBuilder() {
    this(64);
  }

  public ByteBuilder(int capacity) {
    this.bytes = new byte[Math.max(16, capacity)];
  }

  public byte[] bytes() {
    return bytes;
  }

  public int length() {
    return length;
  }

  public void reset() {
    length = 0;
  }

  /** Drops everything after {@code newLength}. */
  public void truncate(int newLength) {
    length = newLength;
  }

  public void ensureCapacity(int capacity) {
    if (capacity > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(capacity, bytes.length * 2));
    }
  }

  public ByteBuilder append(byte b) {
    ensureCapacity(length + 1);
    bytes[length++] = b;
    return this;
  }

  public ByteBuilder append(char c) {
    return append((byte) c);
  }

  public ByteBuilder append(byte[] source, int from, int count) {
    ensureCapacity(length + count);
    System.arraycopy(source, from, bytes, length, count);
    length += count;
    return this;
  }

  public ByteBuilder append(byte[] source) {
    return append(source, 0, source.length);
  }

  /** Appends {@code value} in decimal with at least {@code width} digits, zero padded. */
  public ByteBuilder appendPadded(long value, int width) {
    if (value < 0) {
      append('-');
      if (value == Long.MIN_VALUE) {
        return append(Long.toString(value).substring(1));
      }
      value = -value;
    }
    int digits = Numbers.digitCount(value);
    for (int i = digits; i < width; i++) {
      append('0');
    }
    ensureCapacity(length + digits);
    int end = length + digits;
    for (int i = end - 1; i >= length; i--) {
      bytes[i] = (byte) ('0' + value % 10);
      value /= 10;
    }
    length = end;
    return this;
  }

  public ByteBuilder appendLong(long value) {
    return appendPadded(value, 1);
  }

  /** ASCII or any text; off the hot path (names, reasons). */
  public ByteBuilder append(String text) {
    return append(text.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return new String(bytes, 0, length, StandardCharsets.UTF_8);
  }
}
