package dev.sluice.worker.decode;

/** Byte-level helpers for ASCII syntax inside UTF-8 text, so that parsing needs no String. */
final class AsciiText {

  private AsciiText() {}

  /** Numbers, booleans and dates tolerate surrounding blanks, as StarRocks does. */
  static boolean isBlank(byte b) {
    return b == ' ' || b == '\t';
  }

  /** The first position in [from, to) that is not blank, or {@code to}. */
  static int trimStart(byte[] bytes, int from, int to) {
    while (from < to && isBlank(bytes[from])) {
      from++;
    }
    return from;
  }

  /** The position after the last byte in [from, to) that is not blank, or {@code from}. */
  static int trimEnd(byte[] bytes, int from, int to) {
    while (to > from && isBlank(bytes[to - 1])) {
      to--;
    }
    return to;
  }

  /** 0 to 9 for an ASCII digit, else a negative number or one above 9. */
  static int digit(byte b) {
    return b - '0';
  }

  static boolean isDigit(byte b) {
    return b >= '0' && b <= '9';
  }

  /**
   * Whether [from, to) equals {@code lowerCase} ignoring ASCII case; {@code lowerCase} must be
   * lower-case ASCII letters.
   */
  static boolean equalsIgnoreCase(byte[] bytes, int from, int to, byte[] lowerCase) {
    if (to - from != lowerCase.length) {
      return false;
    }
    for (int i = 0; i < lowerCase.length; i++) {
      if ((bytes[from + i] | 0x20) != lowerCase[i]) {
        return false;
      }
    }
    return true;
  }
}
