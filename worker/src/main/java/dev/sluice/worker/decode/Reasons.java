package dev.sluice.worker.decode;

import dev.sluice.storage.schema.ColumnType;
import java.nio.charset.StandardCharsets;

/**
 * The wording of error-row reasons. Only called for rejected rows, so building strings here is off
 * the hot path.
 */
final class Reasons {

  static final String EMPTY_MESSAGE = "empty message";

  /** Values in reasons are cut to this many characters so a huge value gives a short reason. */
  static final int MAX_VALUE_CHARS = 100;

  /** Reasons quoting a parser's message are cut to this length. */
  static final int MAX_REASON_CHARS = 500;

  private Reasons() {}

  static String wrongFieldCount(int expected, int found) {
    return "expected " + expected + " columns but found " + found;
  }

  static String cannotConvert(
      String column, ColumnType type, byte[] bytes, int offset, int length) {
    return "column '"
        + column
        + "' value '"
        + display(bytes, offset, length)
        + "' cannot be converted to "
        + type;
  }

  static String notNull(String column) {
    return "column '" + column + "' is NOT NULL but the value is NULL";
  }

  /** A NOT NULL column whose value became NULL because it could not be converted (non-strict). */
  static String notNullAfterFailure(
      String column, ColumnType type, byte[] bytes, int offset, int length) {
    return notNull(column)
        + " (value '"
        + display(bytes, offset, length)
        + "' cannot be converted to "
        + type
        + ")";
  }

  static String tooLong(String column, ColumnType type, byte[] bytes, int offset, int length) {
    return "column '"
        + column
        + "' value '"
        + display(bytes, offset, length)
        + "' is "
        + length
        + " bytes, longer than the "
        + type.length()
        + " bytes of "
        + type;
  }

  /** A reason built from a parser's message, which may quote input, cut to a bounded length. */
  static String bounded(String reason) {
    if (reason.length() <= MAX_REASON_CHARS) {
      return escapeControls(reason);
    }
    return escapeControls(reason.substring(0, MAX_REASON_CHARS)) + "...";
  }

  /**
   * Writes line breaks, tabs and other control characters as escapes: a reason is one field of one
   * line of the rejected-record log, whose fields are separated by tabs.
   */
  static String escapeControls(String text) {
    int i = 0;
    while (i < text.length() && !isControl(text.charAt(i))) {
      i++;
    }
    if (i == text.length()) {
      return text;
    }
    StringBuilder escaped = new StringBuilder(text.length() + 8).append(text, 0, i);
    for (; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\n' -> escaped.append("\\n");
        case '\r' -> escaped.append("\\r");
        case '\t' -> escaped.append("\\t");
        default -> {
          if (isControl(c)) {
            String hex = Integer.toHexString(c);
            escaped.append("\\u").append("0".repeat(4 - hex.length())).append(hex);
          } else {
            escaped.append(c);
          }
        }
      }
    }
    return escaped.toString();
  }

  private static boolean isControl(char c) {
    return c < 0x20 || c == 0x7F;
  }

  /**
   * The value as text for a reason: decoded leniently, cut to {@link #MAX_VALUE_CHARS} and with
   * control characters escaped.
   */
  static String display(byte[] bytes, int offset, int length) {
    // Four bytes per char at most, so this prefix holds enough characters.
    int prefix = Math.min(length, MAX_VALUE_CHARS * 4);
    String text = new String(bytes, offset, prefix, StandardCharsets.UTF_8);
    if (text.length() > MAX_VALUE_CHARS) {
      int cut = MAX_VALUE_CHARS;
      if (Character.isHighSurrogate(text.charAt(cut - 1))) {
        cut--;
      }
      return escapeControls(text.substring(0, cut)) + "...";
    }
    return escapeControls(text) + (prefix < length ? "..." : "");
  }
}
