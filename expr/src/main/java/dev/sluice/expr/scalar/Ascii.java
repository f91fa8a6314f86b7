package dev.sluice.expr.scalar;

/** ASCII byte tests on UTF-8 text; multi-byte characters never match any of them. */
public final class Ascii {

  private Ascii() {}

  public static boolean isDigit(byte b) {
    return b >= '0' && b <= '9';
  }

  public static boolean isBlank(byte b) {
    return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f' || b == 0x0B;
  }

  /** The first position in [from, to) that is not blank, or {@code to}. */
  public static int trimStart(byte[] bytes, int from, int to) {
    while (from < to && isBlank(bytes[from])) {
      from++;
    }
    return from;
  }

  /** The position after the last non-blank byte in [from, to), or {@code from}. */
  public static int trimEnd(byte[] bytes, int from, int to) {
    while (to > from && isBlank(bytes[to - 1])) {
      to--;
    }
    return to;
  }

  public static byte toLower(byte b) {
    return b >= 'A' && b <= 'Z' ? (byte) (b + ('a' - 'A')) : b;
  }

  public static byte toUpper(byte b) {
    return b >= 'a' && b <= 'z' ? (byte) (b - ('a' - 'A')) : b;
  }

  /** True when [from, to) equals the lower-case ASCII {@code word} ignoring case. */
  public static boolean equalsIgnoreCase(byte[] bytes, int from, int to, byte[] word) {
    if (to - from != word.length) {
      return false;
    }
    for (int i = 0; i < word.length; i++) {
      if (toLower(bytes[from + i]) != word[i]) {
        return false;
      }
    }
    return true;
  }
}
