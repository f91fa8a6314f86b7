package dev.sluice.expr.scalar;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A MySQL / StarRocks date format ({@code date_format}, {@code from_unixtime}, {@code
 * str_to_date}), compiled once into a list of parts so that each row only walks the list.
 *
 * <p>Specifiers: {@code %Y} year (4 digits), {@code %y} (2 digits), {@code %m} month (01..12),
 * {@code %c} (1..12), {@code %M} month name, {@code %b} abbreviated month name, {@code %d} day
 * (01..31), {@code %e} (1..31), {@code %D} day with English suffix, {@code %j} day of year
 * (001..366), {@code %H} hour (00..23), {@code %k} (0..23), {@code %h} / {@code %I} (01..12),
 * {@code %l} (1..12), {@code %i} minutes, {@code %s} / {@code %S} seconds, {@code %f} microseconds
 * (6 digits), {@code %p} AM or PM, {@code %W} weekday name, {@code %a} abbreviated weekday name,
 * {@code %w} day of week (0 = Sunday), {@code %T} = {@code %H:%i:%s}, {@code %r} = {@code %h:%i:%s
 * %p}, {@code %%} a percent sign. Any other {@code %x} stands for {@code x}, as in MySQL.
 *
 * <p>Parsing ({@link #parse}) reads 1 to 2 digits for the two-digit fields (so {@code %Y%m%d} reads
 * {@code 20200511}), 1 to 4 for {@code %Y}, 1 to 6 for {@code %f}; names ignore case; literal text
 * must match; blanks may surround the value, anything else left over fails. A missing year is year
 * 0 (MySQL's zero date, made valid), a missing month or day is 1, missing time fields are 0.
 * Immutable and thread-safe; the parse results go to a caller-owned {@link Fields}.
 */
public final class DateFormat {

  private static final String[] MONTHS = {
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December"
  };
  private static final String[] DAYS = {
    "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"
  };
  private static final byte[][] MONTH_BYTES = lowerBytes(MONTHS);
  private static final byte[][] DAY_BYTES = lowerBytes(DAYS);
  private static final byte[][] MONTHS_UTF8 = utf8(MONTHS);
  private static final byte[][] DAYS_UTF8 = utf8(DAYS);
  private static final byte[] TIME_24 = "%H:%i:%s".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] TIME_12 = "%h:%i:%s %p".getBytes(StandardCharsets.US_ASCII);

  // After the tables above: static fields initialise in textual order.
  /** StarRocks' default format of {@code from_unixtime}. */
  public static final DateFormat DEFAULT_DATETIME = compile("%Y-%m-%d %H:%i:%s");

  private enum Spec {
    LITERAL,
    YEAR4,
    YEAR2,
    MONTH2,
    MONTH,
    MONTH_NAME,
    MONTH_ABBR,
    DAY2,
    DAY,
    DAY_SUFFIX,
    DAY_OF_YEAR,
    HOUR24_2,
    HOUR24,
    HOUR12_2,
    HOUR12,
    MINUTE,
    SECOND,
    MICROS,
    AM_PM,
    WEEKDAY_NAME,
    WEEKDAY_ABBR,
    WEEKDAY_NUMBER
  }

  private final String pattern;
  private final Spec[] specs;
  private final byte[][] literals;
  private final boolean hasTime;

  private DateFormat(String pattern, Spec[] specs, byte[][] literals) {
    this.pattern = pattern;
    this.specs = specs;
    this.literals = literals;
    boolean time = false;
    for (Spec spec : specs) {
      time |= isTimeField(spec);
    }
    this.hasTime = time;
  }

  public static DateFormat compile(String pattern) {
    requireNonNull(pattern, "pattern is null");
    List<Spec> specs = new ArrayList<>();
    List<byte[]> literals = new ArrayList<>();
    ByteBuilder literal = new ByteBuilder();
    compileInto(pattern.getBytes(StandardCharsets.UTF_8), specs, literals, literal);
    flush(literal, specs, literals);
    return new DateFormat(pattern, specs.toArray(new Spec[0]), literals.toArray(new byte[0][]));
  }

  private static void compileInto(
      byte[] bytes, List<Spec> specs, List<byte[]> literals, ByteBuilder literal) {
    for (int i = 0; i < bytes.length; i++) {
      byte b = bytes[i];
      if (b != '%' || i + 1 == bytes.length) {
        literal.append(b);
        continue;
      }
      byte code = bytes[++i];
      if (code == 'T') {
        compileInto(TIME_24, specs, literals, literal);
        continue;
      }
      if (code == 'r') {
        compileInto(TIME_12, specs, literals, literal);
        continue;
      }
      Spec spec = specOf(code);
      if (spec == null) {
        literal.append(code);
        continue;
      }
      flush(literal, specs, literals);
      specs.add(spec);
      literals.add(null);
    }
  }

  private static Spec specOf(byte code) {
    switch (code) {
      case 'Y':
        return Spec.YEAR4;
      case 'y':
        return Spec.YEAR2;
      case 'm':
        return Spec.MONTH2;
      case 'c':
        return Spec.MONTH;
      case 'M':
        return Spec.MONTH_NAME;
      case 'b':
        return Spec.MONTH_ABBR;
      case 'd':
        return Spec.DAY2;
      case 'e':
        return Spec.DAY;
      case 'D':
        return Spec.DAY_SUFFIX;
      case 'j':
        return Spec.DAY_OF_YEAR;
      case 'H':
        return Spec.HOUR24_2;
      case 'k':
        return Spec.HOUR24;
      case 'h':
      case 'I':
        return Spec.HOUR12_2;
      case 'l':
        return Spec.HOUR12;
      case 'i':
        return Spec.MINUTE;
      case 's':
      case 'S':
        return Spec.SECOND;
      case 'f':
        return Spec.MICROS;
      case 'p':
        return Spec.AM_PM;
      case 'W':
        return Spec.WEEKDAY_NAME;
      case 'a':
        return Spec.WEEKDAY_ABBR;
      case 'w':
        return Spec.WEEKDAY_NUMBER;
      default:
        return null;
    }
  }

  private static void flush(ByteBuilder literal, List<Spec> specs, List<byte[]> literals) {
    if (literal.length() > 0) {
      byte[] copy = new byte[literal.length()];
      System.arraycopy(literal.bytes(), 0, copy, 0, copy.length);
      specs.add(Spec.LITERAL);
      literals.add(copy);
      literal.reset();
    }
  }

  public String pattern() {
    return pattern;
  }

  /** True when the format prints or reads a time of day. */
  public boolean hasTime() {
    return hasTime;
  }

  private static boolean isTimeField(Spec spec) {
    switch (spec) {
      case HOUR24_2:
      case HOUR24:
      case HOUR12_2:
      case HOUR12:
      case MINUTE:
      case SECOND:
      case MICROS:
      case AM_PM:
        return true;
      default:
        return false;
    }
  }

  /** Appends DATETIME {@code micros} formatted. */
  public void print(long micros, ByteBuilder out) {
    int epochDay = Dates.epochDayOfMicros(micros);
    int civil = Dates.civil(epochDay);
    long microOfDay = Dates.microOfDay(micros);
    int seconds = (int) (microOfDay / Dates.MICROS_PER_SECOND);
    int hour = seconds / 3600;
    int hour12 = hour % 12 == 0 ? 12 : hour % 12;
    for (int i = 0; i < specs.length; i++) {
      switch (specs[i]) {
        case LITERAL -> out.append(literals[i]);
        case YEAR4 -> out.appendPadded(Dates.yearOf(civil), 4);
        case YEAR2 -> out.appendPadded(Dates.yearOf(civil) % 100, 2);
        case MONTH2 -> out.appendPadded(Dates.monthOf(civil), 2);
        case MONTH -> out.appendLong(Dates.monthOf(civil));
        case MONTH_NAME -> out.append(MONTHS_UTF8[Dates.monthOf(civil) - 1]);
        case MONTH_ABBR -> out.append(MONTHS_UTF8[Dates.monthOf(civil) - 1], 0, 3);
        case DAY2 -> out.appendPadded(Dates.dayOf(civil), 2);
        case DAY -> out.appendLong(Dates.dayOf(civil));
        case DAY_SUFFIX -> appendDaySuffix(Dates.dayOf(civil), out);
        case DAY_OF_YEAR -> out.appendPadded(Dates.dayOfYear(epochDay), 3);
        case HOUR24_2 -> out.appendPadded(hour, 2);
        case HOUR24 -> out.appendLong(hour);
        case HOUR12_2 -> out.appendPadded(hour12, 2);
        case HOUR12 -> out.appendLong(hour12);
        case MINUTE -> out.appendPadded(seconds / 60 % 60, 2);
        case SECOND -> out.appendPadded(seconds % 60, 2);
        case MICROS -> out.appendPadded(microOfDay % Dates.MICROS_PER_SECOND, 6);
        case AM_PM -> out.append(hour < 12 ? 'A' : 'P').append('M');
        case WEEKDAY_NAME -> out.append(DAYS_UTF8[Dates.dayOfWeek(epochDay)]);
        case WEEKDAY_ABBR -> out.append(DAYS_UTF8[Dates.dayOfWeek(epochDay)], 0, 3);
        case WEEKDAY_NUMBER -> out.appendLong(Dates.dayOfWeek(epochDay));
      }
    }
  }

  private static void appendDaySuffix(int day, ByteBuilder out) {
    out.appendLong(day);
    if (day / 10 == 1) {
      out.append('t').append('h');
      return;
    }
    switch (day % 10) {
      case 1 -> out.append('s').append('t');
      case 2 -> out.append('n').append('d');
      case 3 -> out.append('r').append('d');
      default -> out.append('t').append('h');
    }
  }

  /** What {@link #parse} found; reused from row to row. */
  public static final class Fields {
    private long micros;

    /** The parsed value as DATETIME microseconds. */
    public long micros() {
      return micros;
    }
  }

  /** Parses [from, to) into {@code result}; false when the text does not match or is invalid. */
  public boolean parse(byte[] bytes, int from, int to, Fields result) {
    int p = Ascii.trimStart(bytes, from, to);
    to = Ascii.trimEnd(bytes, p, to);
    int year = 0;
    boolean yearSet = false;
    int month = 1;
    int day = 1;
    int dayOfYear = -1;
    int hour = 0;
    int minute = 0;
    int second = 0;
    int micros = 0;
    boolean twelveHour = false;
    int pm = -1;
    for (int i = 0; i < specs.length; i++) {
      Spec spec = specs[i];
      if (spec == Spec.LITERAL) {
        byte[] literal = literals[i];
        for (byte expected : literal) {
          if (Ascii.isBlank(expected)) {
            // A blank in the format matches any run of blanks, as MySQL is lenient there.
            while (p < to && Ascii.isBlank(bytes[p])) {
              p++;
            }
            continue;
          }
          if (p == to || bytes[p] != expected) {
            return false;
          }
          p++;
        }
        continue;
      }
      int start = p;
      int value;
      switch (spec) {
        case MONTH_NAME, MONTH_ABBR -> {
          int found = matchName(bytes, p, to, MONTH_BYTES, spec == Spec.MONTH_ABBR);
          if (found < 0) {
            return false;
          }
          month = (found & 0xF) + 1;
          p = found >>> 4;
          continue;
        }
        case WEEKDAY_NAME, WEEKDAY_ABBR -> {
          int found = matchName(bytes, p, to, DAY_BYTES, spec == Spec.WEEKDAY_ABBR);
          if (found < 0) {
            return false;
          }
          p = found >>> 4;
          continue;
        }
        case AM_PM -> {
          if (p + 2 > to || (bytes[p + 1] != 'M' && bytes[p + 1] != 'm')) {
            return false;
          }
          byte b = Ascii.toUpper(bytes[p]);
          if (b != 'A' && b != 'P') {
            return false;
          }
          pm = b == 'P' ? 1 : 0;
          p += 2;
          continue;
        }
        default -> {
          // Every other specifier is a number.
        }
      }
      int maxDigits = maxDigits(spec);
      value = 0;
      while (p < to && p - start < maxDigits && Ascii.isDigit(bytes[p])) {
        value = value * 10 + (bytes[p] - '0');
        p++;
      }
      int count = p - start;
      if (count == 0) {
        return false;
      }
      switch (spec) {
        case YEAR4 -> {
          year = count <= 2 ? twoDigitYear(value) : value;
          yearSet = true;
        }
        case YEAR2 -> {
          year = twoDigitYear(value);
          yearSet = true;
        }
        case MONTH2, MONTH -> month = value;
        case DAY2, DAY -> day = value;
        case DAY_SUFFIX -> {
          day = value;
          if (p + 2 <= to && Character.isLetter(bytes[p]) && Character.isLetter(bytes[p + 1])) {
            p += 2;
          }
        }
        case DAY_OF_YEAR -> dayOfYear = value;
        case HOUR24_2, HOUR24 -> hour = value;
        case HOUR12_2, HOUR12 -> {
          hour = value;
          twelveHour = true;
        }
        case MINUTE -> minute = value;
        case SECOND -> second = value;
        case MICROS -> {
          micros = value;
          for (int digits = count; digits < 6; digits++) {
            micros *= 10;
          }
        }
        case WEEKDAY_NUMBER -> {
          if (value > 6) {
            return false;
          }
        }
        default -> throw new IllegalStateException("not a numeric specifier: " + spec);
      }
    }
    if (p != to) {
      return false;
    }
    if (twelveHour || pm >= 0) {
      if (hour < 1 || hour > 12) {
        return false;
      }
      hour = hour % 12 + (pm == 1 ? 12 : 0);
    }
    if (hour > 23 || minute > 59 || second > 59) {
      return false;
    }
    int epochDay;
    if (dayOfYear >= 0) {
      if (!yearSet || dayOfYear < 1 || dayOfYear > (Dates.isLeapYear(year) ? 366 : 365)) {
        return false;
      }
      epochDay = Dates.epochDay(year, 1, 1) + dayOfYear - 1;
    } else {
      if (!Dates.isValidDate(year, month, day)) {
        return false;
      }
      epochDay = Dates.epochDay(year, month, day);
    }
    result.micros =
        epochDay * Dates.MICROS_PER_DAY
            + ((hour * 60L + minute) * 60L + second) * Dates.MICROS_PER_SECOND
            + micros;
    return true;
  }

  private static int maxDigits(Spec spec) {
    switch (spec) {
      case YEAR4:
        return 4;
      case MICROS:
        return 6;
      case DAY_OF_YEAR:
        return 3;
      case WEEKDAY_NUMBER:
        return 1;
      default:
        return 2;
    }
  }

  /** MySQL: 70..99 are 1970..1999, 00..69 are 2000..2069. */
  private static int twoDigitYear(int value) {
    return value < 70 ? 2000 + value : 1900 + value;
  }

  /**
   * Finds the name (or its first three letters) at {@code from}, ignoring case; returns {@code (end
   * << 4) | index}, or -1. Packed so that parsing stays free of objects and of shared state.
   */
  private static int matchName(
      byte[] bytes, int from, int to, byte[][] names, boolean abbreviated) {
    for (int n = 0; n < names.length; n++) {
      byte[] name = names[n];
      int length = abbreviated ? 3 : name.length;
      if (to - from < length) {
        continue;
      }
      boolean match = true;
      for (int i = 0; i < length && match; i++) {
        match = Ascii.toLower(bytes[from + i]) == name[i];
      }
      if (match) {
        return ((from + length) << 4) | n;
      }
    }
    return -1;
  }

  private static byte[][] lowerBytes(String[] names) {
    byte[][] result = new byte[names.length][];
    for (int i = 0; i < names.length; i++) {
      result[i] = names[i].toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
    }
    return result;
  }

  private static byte[][] utf8(String[] names) {
    byte[][] result = new byte[names.length][];
    for (int i = 0; i < names.length; i++) {
      result[i] = names[i].getBytes(StandardCharsets.US_ASCII);
    }
    return result;
  }

  @Override
  public String toString() {
    return pattern;
  }
}
