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
      return reason;
    }
    return reason.substring(0, MAX_REASON_CHARS) + "...";
  }

  /** The value as text for a reason: decoded leniently and cut to {@link #MAX_VALUE_CHARS}. */
  static String display(byte[] bytes, int offset, int length) {
    // Four bytes per char at most, so this prefix holds enough characters.
    int prefix = Math.min(length, MAX_VALUE_CHARS * 4);
    String text = new String(bytes, offset, prefix, StandardCharsets.UTF_8);
    if (text.length() > MAX_VALUE_CHARS) {
      int cut = MAX_VALUE_CHARS;
      if (Character.isHighSurrogate(text.charAt(cut - 1))) {
        cut--;
      }
      return text.substring(0, cut) + "...";
    }
    return prefix < length ? text + "..." : text;
  }
}
