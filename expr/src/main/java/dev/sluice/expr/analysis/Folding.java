package dev.sluice.expr.analysis;

import dev.sluice.expr.scalar.ByteBuilder;
import dev.sluice.expr.scalar.DateTimeText;
import dev.sluice.expr.scalar.Dates;
import dev.sluice.expr.scalar.NumberText;
import dev.sluice.expr.scalar.Numbers;
import dev.sluice.storage.schema.ColumnType;
import dev.sluice.storage.schema.TypeKind;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

/**
 * Converts literal values between computation types at analysis time, with the same rules (and
 * scalar routines) as the run-time conversion kernels, so that {@code dt > '2024-01-01'} compares
 * against a DATE constant and a literal that does not convert is reported when the job is created.
 * Values use the representation of {@link dev.sluice.expr.vector.ConstantKernel}.
 */
final class Folding {

  /** Returned when the value does not convert. */
  static final Object FAILED = new Object();

  private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
  private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

  private Folding() {}

  /** {@code value} (not null) of wide type {@code from} as wide type {@code to}, or FAILED. */
  static Object convert(Object value, ColumnType from, ColumnType to) {
    if (to.kind() == TypeKind.VARCHAR) {
      return toText(value, from);
    }
    switch (from.kind()) {
      case BOOLEAN:
        return convert((Boolean) value ? 1L : 0L, Types.BIGINT, to);
      case BIGINT:
        return fromLong((Long) value, to);
      case DOUBLE:
        return fromDouble((Double) value, to);
      case DECIMAL:
        return fromDecimal((BigDecimal) value, to);
      case DATE:
        return fromDate((Integer) value, to);
      case DATETIME:
        return fromDateTime((Long) value, to);
      case VARCHAR:
        return fromText((byte[]) value, to);
      default:
        return FAILED;
    }
  }

  private static Object fromLong(long value, ColumnType to) {
    switch (to.kind()) {
      case BOOLEAN:
        return value != 0;
      case BIGINT:
        return value;
      case DOUBLE:
        return (double) value;
      case DECIMAL:
        return decimal(BigDecimal.valueOf(value), to);
      case DATE:
      case DATETIME:
        {
          DateTimeText text = new DateTimeText();
          if (!text.parseNumber(value)) {
            return FAILED;
          }
          return to.kind() == TypeKind.DATE ? (Object) text.epochDay() : (Object) text.micros();
        }
      default:
        return FAILED;
    }
  }

  private static Object fromDouble(double value, ColumnType to) {
    switch (to.kind()) {
      case BOOLEAN:
        return value != 0;
      case BIGINT:
        return fromDecimal(BigDecimal.valueOf(value), to);
      case DOUBLE:
        return value;
      case DECIMAL:
        return decimal(BigDecimal.valueOf(value), to);
      default:
        return FAILED;
    }
  }

  private static Object fromDecimal(BigDecimal value, ColumnType to) {
    switch (to.kind()) {
      case BOOLEAN:
        return value.signum() != 0;
      case BIGINT:
        {
          BigDecimal whole = value.setScale(0, RoundingMode.DOWN);
          if (whole.compareTo(LONG_MIN) < 0 || whole.compareTo(LONG_MAX) > 0) {
            return FAILED;
          }
          return whole.longValueExact();
        }
      case DOUBLE:
        return value.doubleValue();
      case DECIMAL:
        return decimal(value, to);
      default:
        return FAILED;
    }
  }

  private static Object fromDate(int epochDay, ColumnType to) {
    switch (to.kind()) {
      case DATETIME:
        return epochDay * Dates.MICROS_PER_DAY;
      case DATE:
        return epochDay;
      case BIGINT:
        return (long) Dates.civil(epochDay);
      case DOUBLE:
      case DECIMAL:
        return fromLong(Dates.civil(epochDay), to);
      default:
        return FAILED;
    }
  }

  private static Object fromDateTime(long micros, ColumnType to) {
    switch (to.kind()) {
      case DATE:
        return Dates.epochDayOfMicros(micros);
      case DATETIME:
        return micros;
      case BIGINT:
      case DOUBLE:
      case DECIMAL:
        {
          long seconds = Dates.microOfDay(micros) / Dates.MICROS_PER_SECOND;
          long time = seconds / 3600 * 10000 + seconds / 60 % 60 * 100 + seconds % 60;
          return fromLong(Dates.civil(Dates.epochDayOfMicros(micros)) * 1_000_000L + time, to);
        }
      default:
        return FAILED;
    }
  }

  private static Object fromText(byte[] bytes, ColumnType to) {
    NumberText numbers = new NumberText();
    DateTimeText dates = new DateTimeText();
    switch (to.kind()) {
      case BOOLEAN:
        {
          String text = new String(bytes, StandardCharsets.UTF_8).strip();
          if (text.equals("1") || text.equalsIgnoreCase("true")) {
            return true;
          }
          if (text.equals("0") || text.equalsIgnoreCase("false")) {
            return false;
          }
          return FAILED;
        }
      case BIGINT:
        return numbers.parseLong(bytes, 0, bytes.length) ? (Object) numbers.longValue() : FAILED;
      case DOUBLE:
        return numbers.parseDouble(bytes, 0, bytes.length)
            ? (Object) numbers.doubleValue()
            : FAILED;
      case DECIMAL:
        {
          if (!numbers.parseDecimal(bytes, 0, bytes.length, to.scale())) {
            return FAILED;
          }
          BigInteger unscaled =
              numbers.bigUnscaled() != null
                  ? numbers.bigUnscaled()
                  : BigInteger.valueOf(numbers.unscaled());
          return decimal(new BigDecimal(unscaled, to.scale()), to);
        }
      case DATE:
        return dates.parse(bytes, 0, bytes.length) ? (Object) dates.epochDay() : FAILED;
      case DATETIME:
        return dates.parse(bytes, 0, bytes.length) ? (Object) dates.micros() : FAILED;
      default:
        return FAILED;
    }
  }

  private static Object decimal(BigDecimal value, ColumnType to) {
    BigDecimal scaled = value.setScale(to.scale(), RoundingMode.HALF_UP);
    if (scaled.precision() - scaled.scale() > to.precision() - to.scale() && scaled.signum() != 0) {
      return FAILED;
    }
    return scaled;
  }

  private static Object toText(Object value, ColumnType from) {
    ByteBuilder text = new ByteBuilder();
    switch (from.kind()) {
      case BOOLEAN -> text.append((Boolean) value ? '1' : '0');
      case BIGINT -> text.appendLong((Long) value);
      case DOUBLE -> Numbers.appendDouble((Double) value, text);
      case DECIMAL -> text.append(((BigDecimal) value).toPlainString());
      case DATE -> DateTimeText.appendDate(text, (Integer) value);
      case DATETIME -> DateTimeText.appendDateTime(text, (Long) value);
      case VARCHAR -> {
        return value;
      }
      default -> {
        return FAILED;
      }
    }
    byte[] bytes = new byte[text.length()];
    System.arraycopy(text.bytes(), 0, bytes, 0, bytes.length);
    return bytes;
  }

  /** The value as SQL text for messages. */
  static String display(Object value, ColumnType type) {
    if (value instanceof byte[]) {
      return "'" + new String((byte[]) value, StandardCharsets.UTF_8).replace("'", "''") + "'";
    }
    Object text = toText(value, type);
    return text == FAILED
        ? String.valueOf(value)
        : new String((byte[]) text, StandardCharsets.UTF_8);
  }
}
