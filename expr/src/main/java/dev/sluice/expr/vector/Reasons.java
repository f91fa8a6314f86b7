package dev.sluice.expr.vector;

import java.nio.charset.StandardCharsets;

/**
 * Wording of per-row failure reasons. Only called for failed rows, so building strings here is off
 * the hot path; values are cut so that a huge value gives a short reason.
 */
public final class Reasons {

  static final int MAX_VALUE_CHARS = 100;

  private Reasons() {}

  /** The value quoted as SQL text, cut to {@value #MAX_VALUE_CHARS} characters. */
  public static String quote(byte[] bytes, int from, int length) {
    int prefix = Math.min(length, MAX_VALUE_CHARS * 4);
    String text = new String(bytes, from, prefix, StandardCharsets.UTF_8);
    if (text.length() > MAX_VALUE_CHARS) {
      int cut = MAX_VALUE_CHARS;
      if (Character.isHighSurrogate(text.charAt(cut - 1))) {
        cut--;
      }
      text = text.substring(0, cut) + "...";
    } else if (prefix < length) {
      text = text + "...";
    }
    return "'" + text.replace("'", "''") + "'";
  }

  public static String cannotConvert(String value, String type) {
    return "cannot convert " + value + " to " + type;
  }

  public static String outOfRange(String value, String type) {
    return "value " + value + " is out of range for " + type;
  }

  public static String overflow(String type, String sql) {
    return type + " overflow in " + sql;
  }
}
