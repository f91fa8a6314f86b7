package dev.sluice.expr.scalar;

/**
 * The proleptic Gregorian calendar on primitives: DATE values are days since 1970-01-01 and
 * DATETIME values are microseconds since 1970-01-01 00:00:00 of a wall clock without time zone, as
 * in the Arrow vectors. Valid values run from 0000-01-01 to 9999-12-31 23:59:59.999999, the
 * StarRocks range. No java.time objects, so the per-row paths allocate nothing.
 */
public final class Dates {

  public static final long MICROS_PER_SECOND = 1_000_000L;
  public static final long MICROS_PER_MINUTE = 60 * MICROS_PER_SECOND;
  public static final long MICROS_PER_HOUR = 60 * MICROS_PER_MINUTE;
  public static final long MICROS_PER_DAY = 24 * MICROS_PER_HOUR;
  public static final long SECONDS_PER_DAY = 86_400L;

  public static final int MIN_YEAR = 0;
  public static final int MAX_YEAR = 9999;
  public static final int MIN_EPOCH_DAY = epochDay(MIN_YEAR, 1, 1);
  public static final int MAX_EPOCH_DAY = epochDay(MAX_YEAR, 12, 31);
  public static final long MIN_MICROS = MIN_EPOCH_DAY * MICROS_PER_DAY;
  public static final long MAX_MICROS = (MAX_EPOCH_DAY + 1L) * MICROS_PER_DAY - 1;

  private static final int[] DAYS_IN_MONTH = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

  private Dates() {}

  public static boolean isLeapYear(int year) {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  }

  public static int daysInMonth(int year, int month) {
    return month == 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1];
  }

  public static boolean isValidDate(int year, int month, int day) {
    return year >= MIN_YEAR
        && year <= MAX_YEAR
        && month >= 1
        && month <= 12
        && day >= 1
        && day <= daysInMonth(year, month);
  }

  /** Days since 1970-01-01 of a (valid) date; Howard Hinnant's days_from_civil. */
  public static int epochDay(int year, int month, int day) {
    int y = month <= 2 ? year - 1 : year;
    int era = Math.floorDiv(y, 400);
    int yearOfEra = y - era * 400;
    int dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146097 + dayOfEra - 719468;
  }

  /**
   * The date of an epoch day packed as {@code year * 10000 + month * 100 + day} (civil_from_days),
   * so one call yields all three fields without an object.
   */
  public static int civil(int epochDay) {
    int z = epochDay + 719468;
    int era = Math.floorDiv(z, 146097);
    int dayOfEra = z - era * 146097;
    int yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
    int dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    int mp = (5 * dayOfYear + 2) / 153;
    int day = dayOfYear - (153 * mp + 2) / 5 + 1;
    int month = mp < 10 ? mp + 3 : mp - 9;
    int year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
    return year * 10000 + month * 100 + day;
  }

  public static int yearOf(int civil) {
    return civil / 10000;
  }

  public static int monthOf(int civil) {
    return civil / 100 % 100;
  }

  public static int dayOf(int civil) {
    return civil % 100;
  }

  /** 0 = Sunday .. 6 = Saturday, MySQL's %w; 1970-01-01 was a Thursday. */
  public static int dayOfWeek(int epochDay) {
    return Math.floorMod(epochDay + 4, 7);
  }

  /** 1 .. 366. */
  public static int dayOfYear(int epochDay) {
    int civil = civil(epochDay);
    return epochDay - epochDay(yearOf(civil), 1, 1) + 1;
  }

  public static int epochDayOfMicros(long micros) {
    return (int) Math.floorDiv(micros, MICROS_PER_DAY);
  }

  public static long microOfDay(long micros) {
    return Math.floorMod(micros, MICROS_PER_DAY);
  }

  public static boolean isValidEpochDay(long epochDay) {
    return epochDay >= MIN_EPOCH_DAY && epochDay <= MAX_EPOCH_DAY;
  }

  public static boolean isValidMicros(long micros) {
    return micros >= MIN_MICROS && micros <= MAX_MICROS;
  }

  /** A (valid) date and time of day as DATETIME microseconds. */
  public static long micros(
      int year, int month, int day, int hour, int minute, int second, int microsOfSecond) {
    return epochDay(year, month, day) * MICROS_PER_DAY
        + ((hour * 60L + minute) * 60L + second) * MICROS_PER_SECOND
        + microsOfSecond;
  }
}
