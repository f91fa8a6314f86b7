package dev.sluice.storage.tablet;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * Short bounds for long strings, as Iceberg and Parquet keep them: a lower bound is a prefix of the
 * smallest value, an upper bound is a prefix of the largest with its last code point incremented.
 * Strings compare as UTF-8 bytes, unsigned, which is code point order, so both stay bounds.
 *
 * <p>Without this, a tablet's min and max are whole values: a 65 KB string column in 40 tablets
 * makes a commit larger than the gRPC message limit, which is then resent for ever.
 */
final class StringBounds {

  /** Code points kept of a string bound (Iceberg's default truncation length). */
  static final int LENGTH = 16;

  private static final int SURROGATES_START = 0xD800;
  private static final int SURROGATES_END = 0xDFFF;

  private StringBounds() {}

  /** {@code value} itself when it has at most {@code length} code points, else its prefix. */
  static String lower(String value, int length) {
    requireNonNull(value, "value is null");
    checkLength(length);
    if (value.codePointCount(0, value.length()) <= length) {
      return value;
    }
    return value.substring(0, value.offsetByCodePoints(0, length));
  }

  /**
   * {@code value} itself when it has at most {@code length} code points; else the shortest string
   * of at most {@code length} code points greater than every string that starts with its prefix:
   * the prefix with its last code point that can be incremented incremented and the code points
   * after it dropped. Empty when every code point of the prefix is U+10FFFF: then there is no such
   * bound.
   */
  static Optional<String> upper(String value, int length) {
    requireNonNull(value, "value is null");
    checkLength(length);
    if (value.codePointCount(0, value.length()) <= length) {
      return Optional.of(value);
    }
    String prefix = value.substring(0, value.offsetByCodePoints(0, length));
    int end = prefix.length();
    while (end > 0) {
      int codePoint = prefix.codePointBefore(end);
      int start = end - Character.charCount(codePoint);
      if (codePoint < Character.MAX_CODE_POINT) {
        int next = codePoint + 1;
        // A lone surrogate is no character and has no UTF-8 form; the next character is U+E000.
        if (next >= SURROGATES_START && next <= SURROGATES_END) {
          next = SURROGATES_END + 1;
        }
        return Optional.of(
            new StringBuilder(start + 2).append(prefix, 0, start).appendCodePoint(next).toString());
      }
      end = start;
    }
    return Optional.empty();
  }

  private static void checkLength(int length) {
    if (length < 1) {
      throw new IllegalArgumentException("length must be at least 1: " + length);
    }
  }
}
