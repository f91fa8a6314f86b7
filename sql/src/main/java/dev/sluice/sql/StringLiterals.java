package dev.sluice.sql;

/**
 * Unescapes quoted string tokens the way StarRocks (and MySQL) do, so that property values and
 * separators mean the same as there.
 */
final class StringLiterals {

  private StringLiterals() {}

  /**
   * The value of a '...' or "..." token: the doubled quote character stands for itself, {@code \n
   * \t \r \b \0 \Z} are control characters, {@code \%} and {@code \_} keep the backslash (LIKE
   * needs it), any other backslash is dropped ({@code \" \\ \'} give {@code " \ '}).
   */
  static String unescape(String token) {
    char quote = token.charAt(0);
    String body = token.substring(1, token.length() - 1);
    StringBuilder value = new StringBuilder(body.length());
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c == '\\' && i + 1 < body.length()) {
        char next = body.charAt(++i);
        switch (next) {
          case 'n':
            value.append('\n');
            break;
          case 't':
            value.append('\t');
            break;
          case 'r':
            value.append('\r');
            break;
          case 'b':
            value.append('\b');
            break;
          case '0':
            value.append('\0');
            break;
          case 'Z':
            value.append('\032');
            break;
          case '%':
          case '_':
            value.append('\\').append(next);
            break;
          default:
            value.append(next);
            break;
        }
      } else if (c == quote && i + 1 < body.length() && body.charAt(i + 1) == quote) {
        value.append(quote);
        i++;
      } else {
        value.append(c);
      }
    }
    return value.toString();
  }
}
