package dev.sluice.expr.scalar;

import java.math.BigDecimal;

/** Printing numbers the way StarRocks casts them to strings. */
public final class Numbers {

  /** Integral doubles below this print without a fraction or exponent, like MySQL. */
  private static final double PLAIN_LIMIT = 1e15;

  private Numbers() {}

  /** Decimal digits of a non-negative value. */
  public static int digitCount(long value) {
    int digits = 1;
    while (value >= 10) {
      value /= 10;
      digits++;
    }
    return digits;
  }

  /**
   * {@code 3}, {@code 1.5}, {@code 0.30000000000000004}, {@code 1e20}, {@code 1.5e-7}: the shortest
   * text that reads back to the same double, with MySQL's exponent style. NaN and infinities never
   * reach here (arithmetic that makes them yields NULL).
   */
  public static void appendDouble(double value, ByteBuilder out) {
    if (value == Math.rint(value) && Math.abs(value) < PLAIN_LIMIT) {
      out.appendLong((long) value);
      return;
    }
    String text = Double.toString(value);
    int e = text.indexOf('E');
    String mantissa = e < 0 ? text : text.substring(0, e);
    if (mantissa.endsWith(".0")) {
      mantissa = mantissa.substring(0, mantissa.length() - 2);
    }
    out.append(mantissa);
    if (e >= 0) {
      out.append('e').append(text.substring(e + 1));
    }
  }

  /** The unscaled value with {@code scale} fraction digits, e.g. 1250 scale 2 is {@code 12.50}. */
  public static void appendDecimal(long unscaled, int scale, ByteBuilder out) {
    if (scale == 0) {
      out.appendLong(unscaled);
      return;
    }
    if (unscaled == Long.MIN_VALUE) {
      out.append(BigDecimal.valueOf(unscaled, scale).toPlainString());
      return;
    }
    if (unscaled < 0) {
      out.append('-');
      unscaled = -unscaled;
    }
    long divisor = Decimals.POW10[scale];
    out.appendLong(unscaled / divisor).append('.').appendPadded(unscaled % divisor, scale);
  }
}
