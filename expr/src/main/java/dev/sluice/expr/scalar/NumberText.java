package dev.sluice.expr.scalar;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

/**
 * Parses numbers from UTF-8 text with the worker decoder's rules: blanks around the value are
 * ignored; integers are an optional sign and digits (a fraction or exponent fails, as in
 * StarRocks); doubles and decimals are {@code [+-]digits[.digits][e[+-]digits]}, NaN and infinity
 * fail. Results go to fields so that a parse allocates nothing on the common paths; one instance
 * per kernel, not thread-safe.
 */
public final class NumberText {

  private static final double[] DOUBLE_POWERS = new double[23];

  static {
    double power = 1;
    for (int i = 0; i < DOUBLE_POWERS.length; i++) {
      DOUBLE_POWERS[i] = power;
      power *= 10;
    }
  }

  private static final int MAX_EXPONENT = 100_000;

  private long longValue;
  private double doubleValue;
  private long unscaled;
  private BigInteger bigUnscaled;

  // Syntax of the last number: sign, significant digits as a long when they fit, exponent.
  private boolean negative;
  private long mantissa;
  private int mantissaDigits;
  private boolean mantissaExact;
  private int decimalExponent;
  private int from;
  private int to;

  public long longValue() {
    return longValue;
  }

  public double doubleValue() {
    return doubleValue;
  }

  /** After {@link #parseDecimal}: the unscaled value, when {@link #bigUnscaled()} is null. */
  public long unscaled() {
    return unscaled;
  }

  /** After {@link #parseDecimal}: the unscaled value when it does not fit a long, else null. */
  public BigInteger bigUnscaled() {
    return bigUnscaled;
  }

  public boolean parseLong(byte[] bytes, int start, int end) {
    int i = Ascii.trimStart(bytes, start, end);
    end = Ascii.trimEnd(bytes, i, end);
    if (i == end) {
      return false;
    }
    boolean minus = bytes[i] == '-';
    if (minus || bytes[i] == '+') {
      i++;
      if (i == end) {
        return false;
      }
    }
    // Accumulated negatively, as Long.parseLong does, so that Long.MIN_VALUE fits.
    long limit = minus ? Long.MIN_VALUE : -Long.MAX_VALUE;
    long result = 0;
    for (; i < end; i++) {
      byte b = bytes[i];
      if (!Ascii.isDigit(b)) {
        return false;
      }
      int digit = b - '0';
      if (result < limit / 10) {
        return false;
      }
      result *= 10;
      if (result < limit + digit) {
        return false;
      }
      result -= digit;
    }
    longValue = minus ? result : -result;
    return true;
  }

  public boolean parseDouble(byte[] bytes, int start, int end) {
    if (!scan(bytes, start, end)) {
      return false;
    }
    double value;
    if (mantissaExact
        && mantissa < (1L << 53)
        && Math.abs(decimalExponent) < DOUBLE_POWERS.length) {
      // Clinger's fast path: both operands exact, so the single rounding is the correct one.
      value =
          decimalExponent >= 0
              ? mantissa * DOUBLE_POWERS[decimalExponent]
              : mantissa / DOUBLE_POWERS[-decimalExponent];
      value = negative ? -value : value;
    } else {
      value = Double.parseDouble(new String(bytes, from, to - from, StandardCharsets.ISO_8859_1));
    }
    if (!Double.isFinite(value)) {
      return false;
    }
    doubleValue = value;
    return true;
  }

  /**
   * Parses a decimal rounded half away from zero to {@code scale} fraction digits; the caller
   * checks the precision.
   */
  public boolean parseDecimal(byte[] bytes, int start, int end, int scale) {
    if (!scan(bytes, start, end)) {
      return false;
    }
    bigUnscaled = null;
    int shift = decimalExponent + scale;
    if (mantissaExact && shift >= 0 && mantissaDigits + shift <= 18) {
      long value = mantissa * Decimals.POW10[shift];
      unscaled = negative ? -value : value;
      return true;
    }
    if (mantissaExact && shift < 0 && -shift <= 18) {
      long value = Decimals.divideRoundHalfUp(mantissa, Decimals.POW10[-shift]);
      unscaled = negative ? -value : value;
      return true;
    }
    if (mantissaExact && shift < -18) {
      unscaled = 0;
      return true;
    }
    BigDecimal value =
        new BigDecimal(new String(bytes, from, to - from, StandardCharsets.ISO_8859_1))
            .setScale(scale, RoundingMode.HALF_UP);
    BigInteger big = value.unscaledValue();
    if (big.bitLength() < 64) {
      unscaled = big.longValue();
    } else {
      bigUnscaled = big;
    }
    return true;
  }

  /**
   * Checks the syntax and collects the sign, up to 18 significant digits as a long and the decimal
   * exponent that scales them; {@code mantissaExact} is false when more digits follow.
   */
  private boolean scan(byte[] bytes, int start, int end) {
    int i = Ascii.trimStart(bytes, start, end);
    end = Ascii.trimEnd(bytes, i, end);
    from = i;
    to = end;
    if (i == end) {
      return false;
    }
    negative = bytes[i] == '-';
    if (negative || bytes[i] == '+') {
      i++;
    }
    mantissa = 0;
    mantissaDigits = 0;
    mantissaExact = true;
    decimalExponent = 0;
    int digits = 0;
    boolean point = false;
    for (; i < end; i++) {
      byte b = bytes[i];
      if (Ascii.isDigit(b)) {
        digits++;
        if (mantissa == 0 && b == '0') {
          if (point) {
            decimalExponent--;
          }
          continue;
        }
        if (mantissaDigits < 18) {
          mantissa = mantissa * 10 + (b - '0');
          mantissaDigits++;
          if (point) {
            decimalExponent--;
          }
        } else {
          if (b != '0') {
            mantissaExact = false;
          }
          if (!point) {
            decimalExponent++;
          }
        }
      } else if (b == '.' && !point) {
        point = true;
      } else {
        break;
      }
    }
    if (digits == 0) {
      return false;
    }
    if (i < end) {
      if (bytes[i] != 'e' && bytes[i] != 'E') {
        return false;
      }
      i++;
      boolean minus = i < end && bytes[i] == '-';
      if (i < end && (minus || bytes[i] == '+')) {
        i++;
      }
      if (i == end) {
        return false;
      }
      int exponent = 0;
      for (; i < end; i++) {
        if (!Ascii.isDigit(bytes[i])) {
          return false;
        }
        exponent = Math.min(exponent * 10 + (bytes[i] - '0'), MAX_EXPONENT);
      }
      decimalExponent += minus ? -exponent : exponent;
    }
    return true;
  }
}
