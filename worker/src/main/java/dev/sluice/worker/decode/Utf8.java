package dev.sluice.worker.decode;

/** UTF-8 validation and encoding into reusable arrays, without the JDK's per-call objects. */
final class Utf8 {

  private Utf8() {}

  /**
   * Whether [offset, offset + length) is well-formed UTF-8 (no overlong forms, surrogates or code
   * points above U+10FFFF): Parquet readers reject strings that are not.
   */
  static boolean isValid(byte[] bytes, int offset, int length) {
    int i = offset;
    int end = offset + length;
    // ASCII is the common case and needs one comparison per byte.
    while (i < end && bytes[i] >= 0) {
      i++;
    }
    while (i < end) {
      int b = bytes[i] & 0xFF;
      if (b < 0x80) {
        i++;
        continue;
      }
      int extra;
      int min = 0x80;
      int max = 0xBF;
      if (b >= 0xC2 && b <= 0xDF) {
        extra = 1;
      } else if (b >= 0xE0 && b <= 0xEF) {
        extra = 2;
        if (b == 0xE0) {
          min = 0xA0; // overlong
        } else if (b == 0xED) {
          max = 0x9F; // surrogates
        }
      } else if (b >= 0xF0 && b <= 0xF4) {
        extra = 3;
        if (b == 0xF0) {
          min = 0x90; // overlong
        } else if (b == 0xF4) {
          max = 0x8F; // above U+10FFFF
        }
      } else {
        return false;
      }
      if (end - i <= extra) {
        return false;
      }
      int second = bytes[i + 1] & 0xFF;
      if (second < min || second > max) {
        return false;
      }
      for (int k = 2; k <= extra; k++) {
        if ((bytes[i + k] & 0xC0) != 0x80) {
          return false;
        }
      }
      i += extra + 1;
    }
    return true;
  }

  /**
   * Encodes {@code length} chars into {@code out}, which must hold {@code 3 * length} bytes, and
   * returns the number of bytes. A lone surrogate is encoded as its three-byte form, which {@link
   * #isValid} rejects, so that it fails conversion instead of being silently replaced.
   */
  static int encode(char[] chars, int offset, int length, byte[] out) {
    int n = 0;
    int end = offset + length;
    for (int i = offset; i < end; i++) {
      char c = chars[i];
      if (c < 0x80) {
        out[n++] = (byte) c;
      } else if (c < 0x800) {
        out[n++] = (byte) (0xC0 | (c >> 6));
        out[n++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isHighSurrogate(c)
          && i + 1 < end
          && Character.isLowSurrogate(chars[i + 1])) {
        int codePoint = Character.toCodePoint(c, chars[++i]);
        out[n++] = (byte) (0xF0 | (codePoint >> 18));
        out[n++] = (byte) (0x80 | ((codePoint >> 12) & 0x3F));
        out[n++] = (byte) (0x80 | ((codePoint >> 6) & 0x3F));
        out[n++] = (byte) (0x80 | (codePoint & 0x3F));
      } else {
        out[n++] = (byte) (0xE0 | (c >> 12));
        out[n++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        out[n++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    return n;
  }
}
