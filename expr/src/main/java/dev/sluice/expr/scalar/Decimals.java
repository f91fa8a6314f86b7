package dev.sluice.expr.scalar;

import java.math.BigInteger;

/**
 * Helpers for decimals held as unscaled integers: a long when the value fits (the fast path, no
 * objects), a BigInteger otherwise. Overflow of the long path is signalled by {@link #OVERFLOW}
 * rather than by an exception, and sends that row down the BigInteger path.
 */
public final class Decimals {

  /** Returned by the long helpers when the result does not fit; never a valid unscaled value. */
  public static final long OVERFLOW = Long.MIN_VALUE;

  public static final long[] POW10 = new long[19];
  private static final BigInteger[] BIG_POW10 = new BigInteger[80];

  static {
    long power = 1;
    for (int i = 0; i < POW10.length; i++) {
      POW10[i] = power;
      power *= 10;
    }
    BigInteger big = BigInteger.ONE;
    for (int i = 0; i < BIG_POW10.length; i++) {
      BIG_POW10[i] = big;
      big = big.multiply(BigInteger.TEN);
    }
  }

  private Decimals() {}

  public static BigInteger bigPow10(int exponent) {
    return BIG_POW10[exponent];
  }

  /** True when |value| has at most {@code precision} digits. */
  public static boolean fits(long value, int precision) {
    if (value == OVERFLOW) {
      return false;
    }
    return precision >= 19 || Math.abs(value) < POW10[precision];
  }

  public static boolean fits(BigInteger value, int precision) {
    return value.abs().compareTo(BIG_POW10[precision]) < 0;
  }

  /** value * 10^exponent, or OVERFLOW. */
  public static long scaleUp(long value, int exponent) {
    if (exponent == 0) {
      return value;
    }
    if (exponent >= POW10.length || value == OVERFLOW) {
      return value == 0 ? 0 : OVERFLOW;
    }
    return multiply(value, POW10[exponent]);
  }

  /** x * y, or OVERFLOW. */
  public static long multiply(long x, long y) {
    long product = x * y;
    if (Math.multiplyHigh(x, y) != (product >> 63) || product == OVERFLOW) {
      return OVERFLOW;
    }
    return product;
  }

  /** x + y, or OVERFLOW. */
  public static long add(long x, long y) {
    long sum = x + y;
    if (((x ^ sum) & (y ^ sum)) < 0 || sum == OVERFLOW) {
      return OVERFLOW;
    }
    return sum;
  }

  /** value / divisor rounded half away from zero; divisor positive. */
  public static long divideRoundHalfUp(long value, long divisor) {
    long quotient = value / divisor;
    long remainder = Math.abs(value % divisor);
    if (remainder >= divisor - remainder) {
      quotient += value < 0 ? -1 : 1;
    }
    return quotient;
  }

  /** value / 10^exponent rounded half away from zero. */
  public static long scaleDown(long value, int exponent) {
    if (exponent == 0) {
      return value;
    }
    if (exponent >= POW10.length) {
      return 0;
    }
    return divideRoundHalfUp(value, POW10[exponent]);
  }

  /** Rescales by 10^(to - from) rounding half away from zero, or OVERFLOW. */
  public static long rescale(long value, int fromScale, int toScale) {
    return toScale >= fromScale
        ? scaleUp(value, toScale - fromScale)
        : scaleDown(value, fromScale - toScale);
  }

  public static BigInteger rescale(BigInteger value, int fromScale, int toScale) {
    if (toScale >= fromScale) {
      return value.multiply(BIG_POW10[toScale - fromScale]);
    }
    return divideRoundHalfUp(value, BIG_POW10[fromScale - toScale]);
  }

  public static BigInteger divideRoundHalfUp(BigInteger value, BigInteger divisor) {
    BigInteger[] qr = value.divideAndRemainder(divisor);
    BigInteger twice = qr[1].abs().shiftLeft(1);
    if (twice.compareTo(divisor.abs()) >= 0) {
      return qr[0].add(BigInteger.valueOf(value.signum() * divisor.signum()));
    }
    return qr[0];
  }

  /** The unscaled value as a double divided by 10^scale. */
  public static double toDouble(long unscaled, int scale) {
    if (Math.abs(unscaled) < (1L << 53) && scale < 23) {
      // Both operands are exact doubles, so the division rounds once, correctly.
      return unscaled / POW10_DOUBLE[scale];
    }
    return new java.math.BigDecimal(BigInteger.valueOf(unscaled), scale).doubleValue();
  }

  private static final double[] POW10_DOUBLE = new double[23];

  static {
    double power = 1;
    for (int i = 0; i < POW10_DOUBLE.length; i++) {
      POW10_DOUBLE[i] = power;
      power *= 10;
    }
  }
}
