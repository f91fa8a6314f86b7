package dev.sluice.expr.scalar;

/**
 * Character positions in UTF-8 bytes. A character is a lead byte plus its continuation bytes
 * ({@code 10xxxxxx}); counting lead bytes counts characters without decoding them. Invalid input
 * never reaches here (the decoder checks it), but nothing breaks on it either.
 */
public final class Utf8 {

  private Utf8() {}

  public static boolean isContinuation(byte b) {
    return (b & 0xC0) == 0x80;
  }

  /** Characters in [from, to). */
  public static int length(byte[] bytes, int from, int to) {
    int count = 0;
    for (int i = from; i < to; i++) {
      if (!isContinuation(bytes[i])) {
        count++;
      }
    }
    return count;
  }

  /** The position after the character starting at {@code position}, at most {@code to}. */
  public static int next(byte[] bytes, int position, int to) {
    position++;
    while (position < to && isContinuation(bytes[position])) {
      position++;
    }
    return position;
  }

  /** The position {@code count} characters after {@code from}, at most {@code to}. */
  public static int skip(byte[] bytes, int from, int to, int count) {
    int position = from;
    for (int i = 0; i < count && position < to; i++) {
      position = next(bytes, position, to);
    }
    return position;
  }

  /** True when all of [from, to) is ASCII, so byte-wise case mapping is exact. */
  public static boolean isAscii(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] < 0) {
        return false;
      }
    }
    return true;
  }
}
