package dev.sluice.worker.decode;

/**
 * Parses dates ({@code yyyy-MM-dd}, {@code yyyy/MM/dd}, {@code yyyyMMdd}; month and day may have
 * one digit with a separator) optionally followed by a time ({@code HH:mm:ss[.fraction]} after a
 * space or {@code T}), validating the calendar. No time zone: DATETIME is wall-clock time, so an
 * offset or {@code Z} fails rather than being silently converted.
 *
 * <p>Results are in fields, and a failure is reported by the return value, so that parsing
 * allocates nothing.
 */
final class DateTimeText {

  static final long MICROS_PER_SECOND = 1_000_000L;
  static final long MICROS_PER_DAY = 86_400L * MICROS_PER_SECOND;

  /** Digits of a fraction beyond microseconds are accepted and truncated. */
  private static final int MAX_FRACTION_DIGITS = 9;

  private static final int[] DAYS_IN_MONTH = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

  /** Days since 1970-01-01 of the last parsed value. */
  private long epochDay;

  /** Microseconds since midnight of the last parsed value; 0 when it had no time. */
  private long microOfDay;

  // The position reached by the last read of digits.
  private int position;

  long epochDay() {
    return epochDay;
  }

  /** Microseconds since 1970-01-01 00:00:00 of the last parsed value, as wall-clock time. */
  long epochMicros() {
    return epochDay * MICROS_PER_DAY + microOfDay;
  }

  /** Parses [from, to), blanks around it allowed; false if it is not a valid date or date-time. */
  boolean parse(byte[] bytes, int from, int to) {
    from = AsciiText.trimStart(bytes, from, to);
    to = AsciiText.trimEnd(bytes, from, to);
    int end = parseDate(bytes, from, to);
    if (end < 0) {
      return false;
    }
    microOfDay = 0;
    if (end == to) {
      return true;
    }
    if (bytes[end] != ' ' && bytes[end] != 'T') {
      return false;
    }
    return parseTime(bytes, end + 1, to);
  }

  /** Returns the position after the date, or -1. */
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
    if (day < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
      return -1;
    }
    epochDay = epochDay(year, month, day);
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
    microOfDay = ((hour * 60L + minute) * 60L + second) * MICROS_PER_SECOND + micros;
    return true;
  }

  /**
   * Reads {@code min} to {@code max} digits at {@code from} and returns their value, or -1 if there
   * are fewer than {@code min}; sets {@link #position} after them.
   */
  private int digits(byte[] bytes, int from, int to, int min, int max) {
    int value = 0;
    int i = from;
    while (i < to && i - from < max && AsciiText.isDigit(bytes[i])) {
      value = value * 10 + AsciiText.digit(bytes[i]);
      i++;
    }
    position = i;
    return i - from < min ? -1 : value;
  }

  private static int daysInMonth(int year, int month) {
    if (month == 2 && isLeapYear(year)) {
      return 29;
    }
    return DAYS_IN_MONTH[month - 1];
  }

  private static boolean isLeapYear(int year) {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  }

  /** Days since 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's algorithm). */
  static long epochDay(int year, int month, int day) {
    long y = month <= 2 ? year - 1 : year;
    long era = Math.floorDiv(y, 400);
    long yearOfEra = y - era * 400;
    long dayOfYear = (153L * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146_097 + dayOfEra - 719_468;
  }
}
