package dev.sluice.worker.decode;

import dev.sluice.storage.schema.ColumnType;
import java.math.BigInteger;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;

/**
 * DECIMAL(p,s) and LARGEINT (as DECIMAL(38,0), integers only): {@code [+-]digits[.digits][e[+-]n]}
 * rounded half away from zero to the scale, as StarRocks rounds; more than {@code p} significant
 * digits after rounding fails. LARGEINT is therefore limited to 38 digits, what Arrow's 128-bit
 * decimal holds, not the full 128-bit range.
 *
 * <p>The unscaled value is accumulated in two longs (38 digits need 127 bits), so no BigDecimal is
 * made per value.
 */
final class DecimalConverter extends ValueConverter {

  /** A larger exponent overflows (or rounds to zero) anyway; saturating keeps it in range. */
  private static final long MAX_EXPONENT = 1_000_000;

  /** 10^p as (high, low) halves of 128 bits, for p = 0 to 38. */
  private static final long[] POWER_HIGH = new long[39];

  private static final long[] POWER_LOW = new long[39];

  static {
    for (int p = 0; p < POWER_HIGH.length; p++) {
      BigInteger power = BigInteger.TEN.pow(p);
      POWER_HIGH[p] = power.shiftRight(64).longValue();
      POWER_LOW[p] = power.longValue();
    }
  }

  private final int precision;
  private final int scale;
  private final boolean integerOnly;
  private final byte[] bigEndian = new byte[16];

  // The 128-bit unsigned magnitude being accumulated.
  private long high;
  private long low;

  DecimalConverter(ColumnType type, int precision, int scale, boolean integerOnly) {
    super(type);
    this.precision = precision;
    this.scale = scale;
    this.integerOnly = integerOnly;
  }

  @Override
  int write(FieldVector vector, int row, byte[] bytes, int offset, int length) {
    int from = AsciiText.trimStart(bytes, offset, offset + length);
    int to = AsciiText.trimEnd(bytes, from, offset + length);
    int i = from;
    boolean negative = i < to && bytes[i] == '-';
    if (i < to && (bytes[i] == '-' || bytes[i] == '+')) {
      i++;
    }
    int integerStart = i;
    while (i < to && AsciiText.isDigit(bytes[i])) {
      i++;
    }
    int integerEnd = i;
    int fractionStart = i;
    int fractionEnd = i;
    if (i < to && bytes[i] == '.' && !integerOnly) {
      fractionStart = ++i;
      while (i < to && AsciiText.isDigit(bytes[i])) {
        i++;
      }
      fractionEnd = i;
    }
    if (integerStart == integerEnd && fractionStart == fractionEnd) {
      return INVALID;
    }
    long exponent = 0;
    if (i < to && (bytes[i] == 'e' || bytes[i] == 'E') && !integerOnly) {
      i++;
      boolean negativeExponent = i < to && bytes[i] == '-';
      if (i < to && (bytes[i] == '-' || bytes[i] == '+')) {
        i++;
      }
      int exponentStart = i;
      for (; i < to && AsciiText.isDigit(bytes[i]); i++) {
        exponent = Math.min(exponent * 10 + AsciiText.digit(bytes[i]), MAX_EXPONENT);
      }
      if (i == exponentStart) {
        return INVALID;
      }
      exponent = negativeExponent ? -exponent : exponent;
    }
    if (i != to) {
      return INVALID;
    }
    // The power of ten each digit has in the unscaled value, starting with the first digit's.
    long power = (integerEnd - integerStart) - 1 + exponent + scale;
    if (!accumulate(bytes, integerStart, integerEnd, fractionStart, fractionEnd, power)) {
      return INVALID;
    }
    store((DecimalVector) vector, row, negative);
    return OK;
  }

  /**
   * Sets the magnitude to the digits' unscaled value rounded half up; false when it needs more than
   * {@code precision} digits.
   */
  private boolean accumulate(
      byte[] bytes,
      int integerStart,
      int integerEnd,
      int fractionStart,
      int fractionEnd,
      long power) {
    high = 0;
    low = 0;
    int significant = 0;
    boolean roundUp = false;
    int i = integerStart;
    int end = integerEnd;
    boolean inFraction = false;
    while (true) {
      if (i == end) {
        if (inFraction) {
          break;
        }
        inFraction = true;
        i = fractionStart;
        end = fractionEnd;
        continue;
      }
      int digit = AsciiText.digit(bytes[i]);
      if (power < 0) {
        // Half up: only the first dropped digit decides.
        roundUp = power == -1 && digit >= 5;
        break;
      }
      if (significant > 0 || digit != 0) {
        if (++significant > precision) {
          return false;
        }
        multiplyAdd(digit);
      }
      power--;
      i++;
    }
    if (power >= 0 && significant > 0) {
      // Digits ran out before the units of the scale: append zeros.
      if (significant + power + 1 > precision) {
        return false;
      }
      for (long zeros = power + 1; zeros > 0; zeros--) {
        multiplyAdd(0);
      }
    }
    if (roundUp) {
      multiplyAddOne();
      return high != POWER_HIGH[precision] || low != POWER_LOW[precision];
    }
    return true;
  }

  /** magnitude = magnitude * 10 + digit, in 128 bits. */
  private void multiplyAdd(int digit) {
    // The unsigned high half of low * 10; multiplyHigh is signed, so correct for a negative low.
    long carry = Math.multiplyHigh(low, 10) + ((low >> 63) & 10);
    high = high * 10 + carry;
    low = low * 10;
    long sum = low + digit;
    if (Long.compareUnsigned(sum, low) < 0) {
      high++;
    }
    low = sum;
  }

  private void multiplyAddOne() {
    low++;
    if (low == 0) {
      high++;
    }
  }

  private void store(DecimalVector vector, int row, boolean negative) {
    if (high == 0 && low >= 0) {
      vector.setSafe(row, negative ? -low : low);
      return;
    }
    long storedHigh = high;
    long storedLow = low;
    if (negative) {
      // Two's complement of the 128-bit magnitude.
      storedLow = ~low + 1;
      storedHigh = ~high + (storedLow == 0 ? 1 : 0);
    }
    for (int b = 0; b < 8; b++) {
      bigEndian[b] = (byte) (storedHigh >>> (56 - 8 * b));
      bigEndian[8 + b] = (byte) (storedLow >>> (56 - 8 * b));
    }
    vector.setBigEndianSafe(row, bigEndian);
  }
}
