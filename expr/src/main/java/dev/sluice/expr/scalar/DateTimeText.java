package dev.sluice.expr.scalar;

/**
 * Dates and date-times as text in the default formats, the same ones the worker's decoder reads:
 * {@code yyyy-MM-dd}, {@code yyyy/MM/dd} (one-digit month and day allowed with a separator) or
 * {@code yyyyMMdd}, optionally followed by {@code HH:mm:ss[.fraction]} after a space or {@code T};
 * blanks around the value are ignored, the calendar is validated. Printing gives {@code yyyy-MM-dd}
 * and {@code yyyy-MM-dd HH:mm:ss}, with {@code .ffffff} only when there are microseconds, as
 * StarRocks prints them.
 *
 * <p>A parser keeps the last result in fields so that parsing allocates nothing; one instance per
 * kernel, not thread-safe.
 */
public final class DateTimeText {

  private static final int MAX_FRACTION_DIGITS = 9;

  private int epochDay;
  private long microOfDay;
  private boolean hasTime;
  private int position;

  /** Days since the epoch of the last parsed value. */
  public int epochDay() {
    return epochDay;
  }

  /** DATETIME microseconds of the last parsed value (midnight when it had no time). */
  public long micros() {
    return epochDay * Dates.MICROS_PER_DAY + microOfDay;
  }

  /** True when the last parsed value had a time of day. */
  public boolean hasTime() {
    return hasTime;
  }

  /**
   * Parses [from, to), blanks around it allowed; false when it is not a valid date or date-time.
   */
  public boolean parse(byte[] bytes, int from, int to) {
    int start = Ascii.trimStart(bytes, from, to);
    return parseTrimmed(bytes, start, Ascii.trimEnd(bytes, start, to));
  }

  /**
   * Parses exactly [from, to), with no blanks around it; for callers (the worker's decoder) whose
   * idea of a blank is narrower than {@link Ascii#isBlank}.
   */
  public boolean parseTrimmed(byte[] bytes, int from, int to) {
    int end = parseDate(bytes, from, to);
    if (end < 0) {
      return false;
    }
    microOfDay = 0;
    hasTime = false;
    if (end == to) {
      return true;
    }
    if (bytes[end] != ' ' && bytes[end] != 'T') {
      return false;
    }
    hasTime = true;
    return parseTime(bytes, end + 1, to);
  }

  /**
   * Reads an integer as a date the way MySQL casts numbers: {@code yyyyMMdd}, or {@code
   * yyyyMMddHHmmss} when it has more than 8 digits. False when it is not a valid date.
   */
  public boolean parseNumber(long value) {
    if (value < 0) {
      return false;
    }
    long date = value;
    long time = 0;
    if (value > 99_991_231L) {
      date = value / 1_000_000L;
      time = value % 1_000_000L;
    }
    int year = (int) (date / 10000);
    int month = (int) (date / 100 % 100);
    int day = (int) (date % 100);
    int hour = (int) (time / 10000);
    int minute = (int) (time / 100 % 100);
    int second = (int) (time % 100);
    if (date > 99_991_231L
        || !Dates.isValidDate(year, month, day)
        || hour > 23
        || minute > 59
        || second > 59) {
      return false;
    }
    epochDay = Dates.epochDay(year, month, day);
    microOfDay = ((hour * 60L + minute) * 60L + second) * Dates.MICROS_PER_SECOND;
    hasTime = time != 0;
    return true;
  }

  private int parseDate(byte[] bytes, int from, int to) {
    int year = digits(bytes, from, to, 4, 4);
    if (year < 0 || position == to) {
      return -1;
    }
    int month;
    int day;
    byte separator = bytes[position];
    if (separator == '-' || separator == '/') {
      month = digits(bytes, position + 1, to, 1, 2);
      if (month < 0 || position == to || bytes[position] != separator) {
        return -1;
      }
      day = digits(bytes, position + 1, to, 1, 2);
    } else {
      month = digits(bytes, position, to, 2, 2);
      if (month < 0) {
        return -1;
      }
      day = digits(bytes, position, to, 2, 2);
    }
    if (day < 0 || !Dates.isValidDate(year, month, day)) {
      return -1;
    }
    epochDay = Dates.epochDay(year, month, day);
    return position;
  }

  private boolean parseTime(byte[] bytes, int from, int to) {
    int hour = digits(bytes, from, to, 1, 2);
    if (hour < 0 || hour > 23 || position == to || bytes[position] != ':') {
      return false;
    }
    int minute = digits(bytes, position + 1, to, 2, 2);
    if (minute < 0 || minute > 59 || position == to || bytes[position] != ':') {
      return false;
    }
    int second = digits(bytes, position + 1, to, 2, 2);
    if (second < 0 || second > 59) {
      return false;
    }
    long micros = 0;
    if (position < to && bytes[position] == '.') {
      int start = position + 1;
      int fraction = digits(bytes, start, to, 1, MAX_FRACTION_DIGITS);
      if (fraction < 0) {
        return false;
      }
      micros = fraction;
      for (int count = position - start; count < 6; count++) {
        micros *= 10;
      }
      for (int count = position - start; count > 6; count--) {
        micros /= 10;
      }
    }
    if (position != to) {
      return false;
    }
    microOfDay = ((hour * 60L + minute) * 60L + second) * Dates.MICROS_PER_SECOND + micros;
    return true;
  }

  // Reads min..max digits; -1 if fewer than min. Leaves position after them.
  private int digits(byte[] bytes, int from, int to, int min, int max) {
    int value = 0;
    int i = from;
    while (i < to && i - from < max && Ascii.isDigit(bytes[i])) {
      value = value * 10 + (bytes[i] - '0');
      i++;
    }
    position = i;
    return i - from < min ? -1 : value;
  }

  /** Appends {@code yyyy-MM-dd}. */
  public static void appendDate(ByteBuilder out, int epochDay) {
    int civil = Dates.civil(epochDay);
    out.appendPadded(Dates.yearOf(civil), 4)
        .append('-')
        .appendPadded(Dates.monthOf(civil), 2)
        .append('-')
        .appendPadded(Dates.dayOf(civil), 2);
  }

  /** Appends {@code yyyy-MM-dd HH:mm:ss}, plus {@code .ffffff} when there are microseconds. */
  public static void appendDateTime(ByteBuilder out, long micros) {
    appendDate(out, Dates.epochDayOfMicros(micros));
    long microOfDay = Dates.microOfDay(micros);
    long seconds = microOfDay / Dates.MICROS_PER_SECOND;
    out.append(' ')
        .appendPadded(seconds / 3600, 2)
        .append(':')
        .appendPadded(seconds / 60 % 60, 2)
        .append(':')
        .appendPadded(seconds % 60, 2);
    long fraction = microOfDay % Dates.MICROS_PER_SECOND;
    if (fraction != 0) {
      out.append('.').appendPadded(fraction, 6);
    }
  }
}
